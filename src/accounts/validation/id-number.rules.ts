/**
 * Identity-document rules, shared by the server and the browser (served as /static/js/rules.js),
 * so this file imports nothing.
 */
export interface RuleError {
  field: string;
  code: string;
  message: string;
}

export const ID_TYPES = {
  resident: '居民身份证',
  residencePermit: '港澳台居民居住证',
  hkMacauPermit: '港澳居民来往内地通行证',
  taiwanPermit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreignPermanent: '外国人永久居留身份证',
} as const;

export type IdType = keyof typeof ID_TYPES;

export function isIdType(value: unknown): value is IdType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ID_TYPES, value);
}

/**
 * Folds full-width characters (NFKC: a Chinese IME types "１１０１…", "ｘ"), strips spaces and
 * upper-cases, so "110101 19900307 123x" is read as typed meant and one number typed either way
 * is one identity.
 */
export function normalizeIdNumber(value: string): string {
  return value.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function gb11643CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** A real calendar date written YYYY-MM-DD (or YYYYMMDD), or null. */
export function parseDate(value: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1) return null;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1] ? { y, m, d } : null;
}

export function formatDate(date: { y: number; m: number; d: number }): string {
  const pad = (n: number) => (n < 10 ? '0' : '') + String(n);
  return `${date.y}-${pad(date.m)}-${pad(date.d)}`;
}

/** Province codes of 居民身份证; 居住证 use 81 (HK), 82 (Macao), 83 (Taiwan) followed by 0000. */
const PROVINCES = /^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])/;

export interface IdContext {
  /** The birth-date and gender fields of the same form, when given. */
  birthDate?: string;
  gender?: string;
  /** Today as YYYY-MM-DD (rules stay pure). */
  today: string;
}

function error(code: string, message: string): RuleError {
  return { field: 'idNumber', code, message };
}

function checkEighteenDigit(idType: IdType, id: string, context: IdContext): RuleError | null {
  if (/^\d{15}$/.test(id)) return error('ID_NUMBER_15_DIGITS', '不支持15位身份证号码，请输入18位证件号码');
  if (!/^\d{17}[\dX]$/.test(id)) return error('ID_NUMBER_FORMAT', '证件号码应为18位，前17位为数字，最后一位为数字或X');
  if (idType === 'resident' && !PROVINCES.test(id)) return error('ID_NUMBER_REGION', '证件号码的地区码不正确');
  if (idType === 'residencePermit' && !/^8[123]0000/.test(id))
    return error('ID_NUMBER_REGION', '港澳台居民居住证号码应以810000、820000或830000开头');
  if (gb11643CheckChar(id.slice(0, 17)) !== id[17]) return error('ID_NUMBER_CHECKSUM', '证件号码校验位不正确，请核对');
  const born = parseDate(id.slice(6, 14));
  if (!born || formatDate(born) > context.today || born.y < 1900)
    return error('ID_NUMBER_BIRTH_DATE', '证件号码中的出生日期不正确');
  if (context.birthDate && parseDate(context.birthDate) && formatDate(born) !== context.birthDate)
    return error('ID_NUMBER_BIRTH_DATE_MISMATCH', '证件号码中的出生日期与所填出生日期不一致');
  const male = Number(id[16]) % 2 === 1;
  if ((context.gender === 'M' && !male) || (context.gender === 'F' && male))
    return error('ID_NUMBER_GENDER_MISMATCH', '证件号码中的性别位与所选性别不一致');
  return null;
}

/** Length and character rules of every document type; 18-digit numbers also by GB 11643. */
export function validateIdNumber(idType: IdType, raw: string, context: IdContext): RuleError | null {
  const id = normalizeIdNumber(raw);
  if (id === '') return error('ID_NUMBER_REQUIRED', '请输入证件号码');
  switch (idType) {
    case 'resident':
    case 'residencePermit':
      return checkEighteenDigit(idType, id, context);
    case 'hkMacauPermit':
      return /^[HM]\d{8}(\d{2})?$/.test(id)
        ? null
        : error('ID_NUMBER_FORMAT', '港澳居民来往内地通行证号码为H或M开头，后接8位或10位数字');
    case 'taiwanPermit':
      return /^\d{8}$/.test(id) || /^\d{10}$/.test(id)
        ? null
        : error('ID_NUMBER_FORMAT', '台湾居民来往大陆通行证号码为8位数字（旧证为10位数字）');
    case 'passport':
      return /^[A-Z0-9]{5,17}$/.test(id) ? null : error('ID_NUMBER_FORMAT', '护照号码为5至17位字母或数字');
    case 'foreignPermanent':
      if (/^[A-Z]{3}\d{12}$/.test(id)) return null;
      if (/^9\d{16}[\dX]$/.test(id))
        return gb11643CheckChar(id.slice(0, 17)) === id[17]
          ? null
          : error('ID_NUMBER_CHECKSUM', '证件号码校验位不正确，请核对');
      return error('ID_NUMBER_FORMAT', '外国人永久居留身份证号码为3位字母加12位数字，或以9开头的18位号码');
  }
}
