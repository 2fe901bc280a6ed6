import jpeg from 'jpeg-js';
import { CANDIDATE_RULES } from '../documents/candidate-rules';
import type { AdmissionTicketModel, RegistrationFormModel } from '../documents/document-models';

/**
 * Sample documents for tests and the print benchmark: a name with rare characters (𠮷 U+20BB7,
 * 䶮 U+4DAE), every section filled, and a photo.
 */
let photo: string | undefined;

/** A 295×413 JPEG (the usual 2-inch ID photo size), drawn rather than shipped. */
export function samplePhotoDataUrl(): string {
  if (photo) return photo;
  const width = 295;
  const height = 413;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const inFace = (x - 147) ** 2 / 80 ** 2 + (y - 170) ** 2 / 105 ** 2 < 1;
      data[at] = inFace ? 236 : 70 + (y >> 3);
      data[at + 1] = inFace ? 200 : 120;
      data[at + 2] = inFace ? 180 : 200 - (x >> 2);
      data[at + 3] = 255;
    }
  }
  photo = `data:image/jpeg;base64,${jpeg.encode({ data, width, height }, 80).data.toString('base64')}`;
  return photo;
}

export function sampleRegistrationForm(overrides: Partial<RegistrationFormModel> = {}): RegistrationFormModel {
  return {
    kind: 'registration-form',
    enrollmentId: '2027YS_6f1c2d3e-0000-4000-8000-000000000001',
    session: { code: '2027YS', name: '2027年医师资格考试' },
    candidate: {
      name: '吉𠮷䶮',
      gender: '女',
      birthDate: '1998-03-07',
      idType: '居民身份证',
      idNumberMasked: '110108********012X',
      photoDataUrl: samplePhotoDataUrl(),
    },
    contact: {
      phone: '138****5678',
      email: 'ji.zhe@example.cn',
      address: '北京市海淀区学院路38号',
      postcode: '100191',
    },
    employment: {
      status: '在职',
      employer: '北京大学第三医院',
      department: '内科',
      position: '住院医师',
      since: '2021-07',
    },
    education: [
      { school: '北京大学医学部', major: '临床医学', degree: '本科/学士', from: '2016-09', to: '2021-07' },
      { school: '北京大学医学部', major: '内科学', degree: '硕士研究生', from: '2021-09', to: '2024-07' },
    ],
    training: [{ kind: '住院医师规范化培训', institution: '北京大学第三医院', from: '2021-08', to: '2024-08' }],
    certificates: [{ name: '医师资格考试合格证明', number: 'BJ2024-000123', issuedOn: '2024-09-01' }],
    category: { code: '110', name: '临床执业医师' },
    area: { code: '11', name: '北京市' },
    site: { code: '1101', name: '海淀区考点（北京大学医学部）' },
    pledge: { version: '2027.1', acceptedAt: '2027-01-15T02:03:04.000Z' },
    status: { code: 'submitted', label: '已提交，待审核' },
    submittedAt: '2027-01-15T02:30:00.000Z',
    asOf: '2027-01-15T02:30:00.000Z',
    validUntil: '2027-12-31T16:00:00.000Z',
    ...overrides,
  };
}

export function sampleAdmissionTicket(overrides: Partial<AdmissionTicketModel> = {}): AdmissionTicketModel {
  const form = sampleRegistrationForm();
  return {
    kind: 'admission-ticket',
    enrollmentId: form.enrollmentId,
    session: form.session,
    candidate: { ...form.candidate },
    ticketNumber: '271101110000123',
    category: form.category,
    area: form.area,
    site: { ...form.site, address: '北京市海淀区学院路38号北京大学医学部教学楼' },
    room: '012',
    seat: '27',
    sittings: [
      { subject: '第一单元', startsAt: '2027-08-21T01:00:00.000Z', endsAt: '2027-08-21T03:30:00.000Z' },
      { subject: '第二单元', startsAt: '2027-08-21T06:00:00.000Z', endsAt: '2027-08-21T08:30:00.000Z' },
    ],
    rules: [...CANDIDATE_RULES],
    issuedAt: '2027-08-01T00:00:00.000Z',
    validUntil: '2027-09-30T16:00:00.000Z',
    ...overrides,
  };
}
