/**
 * The registration form's rules: one set for the server (commands, API) and the browser
 * (static/js/accounts-form.js marks fields red). Dependency-free except for its siblings.
 */
import { isIdType, parseDate, formatDate, validateIdNumber, type RuleError } from './id-number.rules';
import { validatePassword, characterCount, type PasswordContext } from './password.rules';
import { dateAsMeant } from '../../shared/digits-as-meant';

export type FormValues = Record<string, string | undefined>;

export const GENDERS = { M: '男', F: '女' } as const;
export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{3,19}$/;

type FieldRule = (value: string, form: FormValues, context: RulesContext) => Omit<RuleError, 'field'> | null;

export interface RulesContext extends Pick<PasswordContext, 'isCommonPassword'> {
  today: string;
}

const length = (value: string) => characterCount(value);

/** Full-width digits folded (NFKC), spaces and dashes dropped: "138 0013 8000" and "１３８－…" are one number. */
export function normalizeMobile(value: string): string {
  return value.normalize('NFKC').replace(/[\s\p{Pd}]+/gu, '');
}

/**
 * A name as it was meant: the separator of a minority name typed as any of its look-alikes (・ from a
 * Japanese IME, •, ‧) is the middle dot “·”, and a short Chinese name's spaces (张 三, 欧阳 娜娜) are
 * dropped; a longer one with a space (阿卜杜拉 买买提) is left for the rule to ask for the “·” it
 * may stand for. A Latin name keeps its single spaces.
 */
export function normalizeRealName(value: string): string {
  const dotted = value.trim().replace(/\s*[·・•‧∙⋅･]\s*/gu, '·');
  const joined = dotted.replace(/\s+/g, '');
  return /^\p{Script=Han}{2,4}$/u.test(joined) ? joined : dotted.replace(/\s+/g, ' ');
}

export const FIELD_RULES: Record<string, FieldRule> = {
  username: (v) =>
    v === ''
      ? { code: 'USERNAME_REQUIRED', message: '请输入用户名' }
      : USERNAME_PATTERN.test(v)
        ? null
        : { code: 'USERNAME_FORMAT', message: '用户名为4至20位字母、数字或下划线，以字母开头' },
  password: (v, form, context) =>
    validatePassword(v, { username: form.username, isCommonPassword: context.isCommonPassword }),
  newPassword: (v, form, context) =>
    validatePassword(v, { username: form.username, isCommonPassword: context.isCommonPassword }),
  realName: (typed) => {
    const v = normalizeRealName(typed);
    if (v === '') return { code: 'REAL_NAME_REQUIRED', message: '请输入真实姓名' };
    // Any Han character, including the supplementary planes (生僻字 such as 𠮷 U+20BB7).
    const chinese = /^\p{Script=Han}+(·\p{Script=Han}+)*$/u;
    // A passport's name as printed: Latin letters with their accents (José, Müller, Nguyễn).
    const latin = /^\p{Script=Latin}+([ .'·-]\p{Script=Latin}+)*$/u;
    if (chinese.test(v)) return length(v) > 28 ? { code: 'REAL_NAME_TOO_LONG', message: '姓名不能超过28个字符' } : null;
    if (latin.test(v))
      return length(v) > 60 ? { code: 'REAL_NAME_TOO_LONG', message: '外文姓名不能超过60个字符' } : null;
    return { code: 'REAL_NAME_FORMAT', message: '姓名只能包含汉字或字母，少数民族姓名中间用“·”分隔' };
  },
  gender: (v) => (v === 'M' || v === 'F' ? null : { code: 'GENDER_REQUIRED', message: '请选择性别' }),
  // Read as meant (19920415, 1992/4/15, 1992年4月15日 are 1992-04-15): a phone's digit keypad has no "-".
  birthDate: (typed, _form, context) => {
    const v = dateAsMeant(typed);
    if (v === '') return { code: 'BIRTH_DATE_REQUIRED', message: '请输入出生日期' };
    const date = parseDate(v);
    if (!date || v.length !== 10)
      return { code: 'BIRTH_DATE_FORMAT', message: '出生日期格式为YYYY-MM-DD，且须为真实日期' };
    if (date.y < 1900 || formatDate(date) > context.today)
      return { code: 'BIRTH_DATE_RANGE', message: '出生日期不在有效范围内' };
    return null;
  },
  idType: (v) => (isIdType(v) ? null : { code: 'ID_TYPE_REQUIRED', message: '请选择证件类型' }),
  idNumber: (v, form, context) => {
    if (!isIdType(form.idType)) return v === '' ? { code: 'ID_NUMBER_REQUIRED', message: '请输入证件号码' } : null;
    const birthDate = form.birthDate === undefined ? undefined : dateAsMeant(form.birthDate);
    return validateIdNumber(form.idType, v, { birthDate, gender: form.gender, today: context.today });
  },
  nationality: (v, form) => {
    if (v === '') return { code: 'NATIONALITY_REQUIRED', message: '请输入国籍' };
    if (length(v) > 30) return { code: 'NATIONALITY_TOO_LONG', message: '国籍不能超过30个字符' };
    if ((form.idType === 'resident' || form.idType === 'residencePermit') && v !== '中国')
      return { code: 'NATIONALITY_MISMATCH', message: '持居民身份证或港澳台居民居住证者国籍应为“中国”' };
    return null;
  },
  mobile: (v) =>
    /^1[3-9]\d{9}$/.test(normalizeMobile(v)) ? null : { code: 'MOBILE_FORMAT', message: '请输入11位中国大陆手机号码' },
  // Optional, as on 个人信息: the phone is the contact the exam office relies on.
  email: (v) =>
    v === '' || (v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v))
      ? null
      : { code: 'EMAIL_FORMAT', message: '请输入有效的电子邮箱地址' },
  securityQuestion: (v) =>
    length(v) >= 4 && length(v) <= 30
      ? null
      : { code: 'SECURITY_QUESTION_LENGTH', message: '密码查询问题为4至30个字符' },
  securityAnswer: (v) =>
    length(v) >= 4 && length(v) <= 30 ? null : { code: 'SECURITY_ANSWER_LENGTH', message: '密码查询答案为4至30个字符' },
  confirmPassword: (v, form) =>
    v === ((form.newPassword !== undefined ? form.newPassword : form.password) ?? '')
      ? null
      : { code: 'PASSWORD_CONFIRMATION_MISMATCH', message: '两次输入的密码不一致' },
};

export const REGISTRATION_FIELDS = [
  'username',
  'password',
  'realName',
  'gender',
  'birthDate',
  'idType',
  'idNumber',
  'nationality',
  'mobile',
  'email',
  'securityQuestion',
  'securityAnswer',
] as const;

/** Passwords are taken as typed; other fields without surrounding spaces. */
const SECRET_FIELDS = ['password', 'confirmPassword', 'currentPassword', 'newPassword'];

/** Checks one field; the browser calls this on blur, the server for every field. */
export function validateField(field: string, form: FormValues, context: RulesContext): RuleError | null {
  const rule = FIELD_RULES[field];
  if (!rule) return null;
  const raw = form[field] ?? '';
  const result = rule(SECRET_FIELDS.includes(field) ? raw : raw.trim(), form, context);
  return result ? { field, code: result.code, message: result.message } : null;
}

export function validateFields(fields: readonly string[], form: FormValues, context: RulesContext): RuleError[] {
  const errors: RuleError[] = [];
  for (const field of fields) {
    const error = validateField(field, form, context);
    if (error) errors.push(error);
  }
  return errors;
}
