import type { BasicInfoSnapshot } from '../enrollment.events';

/** A candidate's step-2 basic info as copied from the profile: registration fields and a phone. */
export const basicInfoFixture: BasicInfoSnapshot = {
  fullName: '张三',
  gender: '男',
  birthDate: '1990-01-01',
  idType: '居民身份证',
  idNumberMasked: '1101**********0011',
  phoneMasked: '138****8000',
};
