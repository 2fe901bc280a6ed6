import {
  normalizeRealName,
  normalizeMobile,
  validateField,
  validateFields,
  REGISTRATION_FIELDS,
  type FormValues,
} from './registration.rules';
import { validatePassword } from './password.rules';

const context = { today: '2026-11-26', isCommonPassword: (p: string) => ['password', '12345678'].includes(p) };
const valid: FormValues = {
  username: 'zhangsan01',
  password: 'correct horse battery',
  realName: '张三',
  gender: 'F',
  birthDate: '1949-12-31',
  idType: 'resident',
  idNumber: '11010519491231002X',
  nationality: '中国',
  mobile: '13800138000',
  email: 'zhang@example.cn',
  securityQuestion: '我的小学名字',
  securityAnswer: '实验小学',
};
const codeOf = (field: string, value: string, extra: FormValues = {}) =>
  validateField(field, { ...valid, ...extra, [field]: value }, context)?.code ?? 'OK';

describe('registration rules', () => {
  it('accept a complete, valid form', () => {
    expect(validateFields(REGISTRATION_FIELDS, valid, context)).toEqual([]);
    // 电子邮箱 is optional, as on 个人信息.
    expect(validateFields(REGISTRATION_FIELDS, { ...valid, email: '' }, context)).toEqual([]);
  });

  it.each([
    ['username', '', 'USERNAME_REQUIRED'],
    ['username', 'abc', 'USERNAME_FORMAT'],
    ['username', '1abcdef', 'USERNAME_FORMAT'],
    ['username', 'a'.repeat(21), 'USERNAME_FORMAT'],
    ['username', '张三丰丰', 'USERNAME_FORMAT'],
    ['realName', '', 'REAL_NAME_REQUIRED'],
    ['realName', '张'.repeat(29), 'REAL_NAME_TOO_LONG'],
    ['realName', '张三3', 'REAL_NAME_FORMAT'],
    ['realName', '·买买提', 'REAL_NAME_FORMAT'],
    ['gender', 'X', 'GENDER_REQUIRED'],
    ['birthDate', '', 'BIRTH_DATE_REQUIRED'],
    ['birthDate', '1990-02-30', 'BIRTH_DATE_FORMAT'],
    ['birthDate', '1990010', 'BIRTH_DATE_FORMAT'],
    ['birthDate', '19900230', 'BIRTH_DATE_FORMAT'],
    ['birthDate', '2030-01-01', 'BIRTH_DATE_RANGE'],
    ['idType', 'card', 'ID_TYPE_REQUIRED'],
    ['nationality', '', 'NATIONALITY_REQUIRED'],
    ['nationality', '美国', 'NATIONALITY_MISMATCH'],
    ['mobile', '1380013800', 'MOBILE_FORMAT'],
    ['mobile', '23800138000', 'MOBILE_FORMAT'],
    ['email', 'zhang@', 'EMAIL_FORMAT'],
    ['securityQuestion', '问题', 'SECURITY_QUESTION_LENGTH'],
    ['securityAnswer', '答'.repeat(31), 'SECURITY_ANSWER_LENGTH'],
  ])('%s = %j → %s', (field, value, code) => {
    expect(codeOf(field, value)).toBe(code);
  });

  it('accept minority names with a middle dot and Latin names', () => {
    expect(codeOf('realName', '买买提·艾力')).toBe('OK');
    expect(codeOf('realName', 'John Smith')).toBe('OK');
    // As a passport prints it: accented letters, and longer than a Chinese name may be.
    expect(codeOf('realName', 'José García')).toBe('OK');
    expect(codeOf('realName', 'Nguyễn Thị Minh Khai')).toBe('OK');
    expect(codeOf('realName', 'Maria Fernanda Rodriguez Gonzalez')).toBe('OK');
    expect(codeOf('realName', 'A'.repeat(61))).toBe('REAL_NAME_TOO_LONG');
    expect(codeOf('realName', '张'.repeat(28))).toBe('OK');
    expect(codeOf('realName', '吉𠮷')).toBe('OK'); // supplementary-plane 生僻字
    expect(codeOf('realName', '李䶮')).toBe('OK');
  });

  it('read a name as it was meant: look-alike separators are the middle dot, a Chinese name has no spaces', () => {
    for (const typed of ['阿卜杜拉・买买提', '阿卜杜拉•买买提', '阿卜杜拉 ‧ 买买提', ' 阿卜杜拉·买买提 '])
      expect([typed, normalizeRealName(typed), codeOf('realName', typed)]).toEqual([typed, '阿卜杜拉·买买提', 'OK']);
    expect(normalizeRealName('张 三')).toBe('张三');
    expect(normalizeRealName('欧阳 娜娜')).toBe('欧阳娜娜');
    // A space in a long name may stand for the “·”: asked for, not dropped.
    expect(codeOf('realName', '阿卜杜拉 买买提')).toBe('REAL_NAME_FORMAT');
    expect(normalizeRealName('José  García')).toBe('José García');
    expect(codeOf('realName', '张 三')).toBe('OK');
  });

  it('read a birth date typed on a digit keypad, with slashes or 年月日 as meant', () => {
    for (const typed of ['19491231', '1949/12/31', '1949.12.31', '1949年12月31日', '１９４９１２３１'])
      expect(codeOf('birthDate', typed)).toBe('OK');
    // The ID number's birth date is compared with the date as meant, not as typed.
    expect(codeOf('idNumber', '11010519491231002X', { birthDate: '19491231' })).toBe('OK');
    expect(codeOf('idNumber', '11010519491231002X', { birthDate: '19491230' })).toBe('ID_NUMBER_BIRTH_DATE_MISMATCH');
  });

  it('check the ID number against the birth date and gender fields', () => {
    expect(codeOf('idNumber', '11010519491231002X', { gender: 'M' })).toBe('ID_NUMBER_GENDER_MISMATCH');
    expect(codeOf('idNumber', 'E12345678', { idType: 'passport' })).toBe('OK');
  });

  it('check a new password and its confirmation on the security and recovery forms', () => {
    const form = { newPassword: 'a fresh secret', confirmPassword: 'a fresh secrey' };
    expect(validateField('confirmPassword', form, context)?.code).toBe('PASSWORD_CONFIRMATION_MISMATCH');
    expect(validateField('newPassword', { newPassword: 'password' }, context)?.code).toBe('PASSWORD_TOO_COMMON');
    expect(validateField('confirmPassword', { ...form, confirmPassword: 'a fresh secret' }, context)).toBeNull();
  });

  it('read a mobile typed in full-width digits, or grouped with spaces or dashes, as its 11 digits', () => {
    for (const typed of ['１３８００１３８０００', '138 0013 8000', '138-0013-8000', '１３８－００１３－８０００'])
      expect(codeOf('mobile', typed)).toBe('OK');
    expect(normalizeMobile('138 0013 8000')).toBe('13800138000');
    expect(normalizeMobile('１３８－００１３－８０００')).toBe('13800138000');
  });

  it('take passwords as typed, trimming other fields', () => {
    expect(codeOf('username', '  zhangsan01 ')).toBe('OK');
    expect(codeOf('password', '   ')).toBe('PASSWORD_TOO_SHORT');
  });
});

describe('password rules (ASVS V6.2)', () => {
  const codeOfPassword = (password: string, username?: string) =>
    validatePassword(password, { username, isCommonPassword: context.isCommonPassword })?.code ?? 'OK';

  it('require 8 characters counted as a person counts them', () => {
    expect(codeOfPassword('')).toBe('PASSWORD_REQUIRED');
    expect(codeOfPassword('1234567')).toBe('PASSWORD_TOO_SHORT');
    expect(codeOfPassword('密码密码密码密码')).toBe('OK');
    expect(codeOfPassword('😀😀😀😀😀😀😀')).toBe('PASSWORD_TOO_SHORT');
  });

  it('allow 64 and up to 128 characters, with no composition rules', () => {
    expect(codeOfPassword('a'.repeat(64))).toBe('OK');
    expect(codeOfPassword('a'.repeat(128))).toBe('OK');
    expect(codeOfPassword('a'.repeat(129))).toBe('PASSWORD_TOO_LONG');
    expect(codeOfPassword('alllowercase')).toBe('OK');
  });

  it('refuse common passwords and the username', () => {
    expect(codeOfPassword('12345678')).toBe('PASSWORD_TOO_COMMON');
    expect(codeOfPassword('ZhangSan01', 'zhangsan01')).toBe('PASSWORD_IS_USERNAME');
  });
});
