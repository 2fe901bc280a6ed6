import type { FieldError } from '../shared/errors';
import {
  CERTIFICATE_KINDS,
  DEGREES,
  EDUCATION_LEVELS,
  MAX_ENTRIES,
  type ProfileInput,
  STUDY_FORMS,
  TRAINING_KINDS,
} from './profile.types';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE = /^\d{6}$/;

type Check = (errors: FieldError[], field: string, value: string) => void;

const required =
  (label: string, max: number): Check =>
  (errors, field, value) => {
    if (value === '') errors.push({ field, code: 'REQUIRED', message: `请填写${label}` });
    else if (value.length > max) errors.push({ field, code: 'TOO_LONG', message: `${label}不能超过 ${max} 个字` });
  };

const optional =
  (label: string, max: number): Check =>
  (errors, field, value) => {
    if (value.length > max) errors.push({ field, code: 'TOO_LONG', message: `${label}不能超过 ${max} 个字` });
  };

const oneOf =
  (label: string, allowed: readonly string[]): Check =>
  (errors, field, value) => {
    if (value === '') errors.push({ field, code: 'REQUIRED', message: `请选择${label}` });
    else if (!allowed.includes(value)) errors.push({ field, code: 'NOT_ALLOWED', message: `${label}不是可选的项` });
  };

/** `YYYY-MM` with the dash (the guide's 注意 1), not before 1900 and not after this month. */
const month =
  (label: string, thisMonth: string): Check =>
  (errors, field, value) => {
    const match = MONTH.exec(value);
    if (value === '') errors.push({ field, code: 'REQUIRED', message: `请填写${label}` });
    else if (!match) errors.push({ field, code: 'MONTH_FORMAT', message: `${label}格式为 YYYY-MM，如 2020-09` });
    else if (Number(match[1]) < 1900)
      errors.push({ field, code: 'MONTH_TOO_EARLY', message: `${label}不能早于 1900 年` });
    else if (value > thisMonth) errors.push({ field, code: 'MONTH_IN_FUTURE', message: `${label}不能晚于本月` });
  };

/** From ≤ to, reported on `to` once both are valid months. */
function period(errors: FieldError[], path: string, from: string, to: string): void {
  const invalid = errors.some((e) => e.field === `${path}.from` || e.field === `${path}.to`);
  if (!invalid && from > to)
    errors.push({ field: `${path}.to`, code: 'MONTH_ORDER', message: '结束年月不能早于开始年月' });
}

/**
 * Every rule of the 个人信息 form, one FieldError per bad field (dotted paths such as
 * `education.1.from`, which the page maps back to its inputs). `today` is YYYY-MM-DD in China.
 */
export function validateProfile(input: ProfileInput, today: string): FieldError[] {
  const errors: FieldError[] = [];
  const thisMonth = today.slice(0, 7);
  const { contact, employment } = input;
  const phone = contact.phone;
  if (phone === '') errors.push({ field: 'contact.phone', code: 'REQUIRED', message: '请填写联系电话' });
  else if (!PHONE.test(phone))
    errors.push({
      field: 'contact.phone',
      code: 'PHONE_FORMAT',
      message: '联系电话应为 11 位手机号或带区号的固定电话',
    });
  if (contact.email !== '' && (!EMAIL.test(contact.email) || contact.email.length > 100))
    errors.push({ field: 'contact.email', code: 'EMAIL_FORMAT', message: '电子邮箱格式不正确' });
  required('通讯地址', 100)(errors, 'contact.address', contact.address);
  if (contact.postcode !== '' && !POSTCODE.test(contact.postcode))
    errors.push({ field: 'contact.postcode', code: 'POSTCODE_FORMAT', message: '邮政编码应为 6 位数字' });

  required('工作单位', 60)(errors, 'employment.employer', employment.employer.name);
  optional('科室', 30)(errors, 'employment.department', employment.department);
  optional('职务', 30)(errors, 'employment.position', employment.position);
  optional('技术职务', 30)(errors, 'employment.title', employment.title);
  month('参加工作年月', thisMonth)(errors, 'employment.startMonth', employment.startMonth);

  const lists = [
    ['education', input.education.length, '教育经历'],
    ['training', input.training.length, '培训经历'],
    ['certificates', input.certificates.length, '证书'],
  ] as const;
  for (const [field, count, label] of lists)
    if (count > MAX_ENTRIES)
      errors.push({ field, code: 'TOO_MANY_ENTRIES', message: `${label}最多填写 ${MAX_ENTRIES} 条` });

  input.education.forEach((entry, i) => {
    const path = `education.${i}`;
    required('毕业学校', 60)(errors, `${path}.school`, entry.school.name);
    required('专业', 40)(errors, `${path}.major`, entry.major);
    oneOf('学历', EDUCATION_LEVELS)(errors, `${path}.level`, entry.level);
    oneOf('学位', DEGREES)(errors, `${path}.degree`, entry.degree);
    oneOf('学习形式', STUDY_FORMS)(errors, `${path}.studyForm`, entry.studyForm);
    month('入学年月', thisMonth)(errors, `${path}.from`, entry.from);
    month('毕业年月', thisMonth)(errors, `${path}.to`, entry.to);
    period(errors, path, entry.from, entry.to);
  });
  input.training.forEach((entry, i) => {
    const path = `training.${i}`;
    oneOf('培训类型', TRAINING_KINDS)(errors, `${path}.kind`, entry.kind);
    required('培训机构', 60)(errors, `${path}.institution`, entry.institution);
    month('开始年月', thisMonth)(errors, `${path}.from`, entry.from);
    month('结束年月', thisMonth)(errors, `${path}.to`, entry.to);
    period(errors, path, entry.from, entry.to);
  });
  input.certificates.forEach((entry, i) => {
    const path = `certificates.${i}`;
    oneOf('证书类型', CERTIFICATE_KINDS)(errors, `${path}.kind`, entry.kind);
    required('证书编号', 40)(errors, `${path}.number`, entry.number);
    if (entry.number !== '' && entry.number.length <= 40 && !/^[A-Za-z0-9-]+$/.test(entry.number))
      errors.push({
        field: `${path}.number`,
        code: 'CERTIFICATE_NUMBER_FORMAT',
        message: '证书编号只能包含字母、数字和 -',
      });
    month('发证年月', thisMonth)(errors, `${path}.issuedOn`, entry.issuedOn);
    required('发证机关', 60)(errors, `${path}.issuer`, entry.issuer);
  });
  return errors;
}
