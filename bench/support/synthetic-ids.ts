const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Candidate i's birth date: 500 to a day, as the ID number's sequence has three digits. */
export function birthDate(i: number): string {
  return `1990-01-${String(1 + Math.floor(i / 500)).padStart(2, '0')}`;
}

/** A valid 居民身份证 number of a man born on birthDate(i), distinct for each i below 15,500. */
export function residentId(i: number): string {
  const first17 = `110101${birthDate(i).replaceAll('-', '')}${String(2 * (i % 500) + 1).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, k) => total + Number(digit) * WEIGHTS[k], 0);
  return first17 + '10X98765432'[sum % 11];
}

/** The registration of synthetic candidate i (POST /api/accounts/register): a man born on birthDate(i). */
export function syntheticRegistration(i: number, username: string, password: string, realName = '考生甲') {
  return {
    username,
    password,
    realName,
    gender: 'M',
    birthDate: birthDate(i),
    idType: 'resident',
    idNumber: residentId(i),
    nationality: '中国',
    mobile: '13800138000',
    email: `e${i}@example.cn`,
    securityQuestion: '我的小学校名',
    securityAnswer: '实验小学',
  };
}
