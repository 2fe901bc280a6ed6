import { dateAsMeant } from '../../shared/digits-as-meant';
import { ValidationError } from '../../shared/errors';
import { isCommonPassword } from '../security/common-passwords';
import { normalizeIdNumber, type IdType } from '../validation/id-number.rules';
import {
  normalizeMobile,
  normalizeRealName,
  REGISTRATION_FIELDS,
  validateFields,
  type FormValues,
} from '../validation/registration.rules';

export interface RegistrationInput {
  username: string;
  password: string;
  realName: string;
  gender: 'M' | 'F';
  birthDate: string;
  idType: IdType;
  idNumber: string;
  nationality: string;
  mobile: string;
  email: string;
  securityQuestion: string;
  securityAnswer: string;
  /** The 注册码 staff gave the person whose identity they freed (注意 4); '' when none. */
  reservationCode: string;
}

/**
 * Checks a submitted form with the same rules the browser runs and returns it cleaned: trimmed,
 * the ID number and mobile in the one form they are stored and compared in (normalizeIdNumber,
 * normalizeMobile). Throws ValidationError listing every wrong field.
 */
export function parseRegistration(form: FormValues, today: string, extraFields: string[] = []): RegistrationInput {
  const errors = validateFields([...REGISTRATION_FIELDS, ...extraFields], form, { today, isCommonPassword });
  if (errors.length > 0) throw new ValidationError(errors);
  const text = (name: string) => (form[name] ?? '').trim();
  return {
    username: text('username'),
    password: form.password ?? '',
    realName: normalizeRealName(text('realName')),
    gender: text('gender') as 'M' | 'F',
    birthDate: dateAsMeant(text('birthDate')),
    idType: text('idType') as IdType,
    idNumber: normalizeIdNumber(text('idNumber')),
    nationality: text('nationality'),
    mobile: normalizeMobile(text('mobile')),
    email: text('email'),
    securityQuestion: text('securityQuestion'),
    securityAnswer: text('securityAnswer'),
    reservationCode: text('reservationCode'),
  };
}
