import { specFor } from '../accounts/decider-spec';
import type { CandidateRegistered } from '../accounts/accounts.events';
import { profileDecider, type ProfileCommand } from './profile.decider';
import type { Education, ProfileInput } from './profile.types';

const registered: CandidateRegistered = {
  type: 'CandidateRegistered',
  data: {
    candidateId: 'c1',
    username: 'zhangsan01',
    realName: '张三',
    gender: 'F',
    birthDate: '1990-01-01',
    idType: 'resident',
    idNumber: '11010119900101002X',
    identityStream: 'identity-resident-x',
    nationality: '中国',
    mobile: '13800138000',
    email: 'a@example.cn',
    securityQuestion: 'q',
    securityAnswerHash: 'h',
    passwordHash: 'p',
    registeredAt: '2026-01-01T00:00:00.000Z',
  },
};

const education = (id: string, overrides: Partial<Education> = {}): Education => ({
  id,
  school: { name: '北京大学', inDirectory: true },
  major: '临床医学',
  level: '大学本科',
  degree: '学士',
  studyForm: '全日制',
  from: '2010-09',
  to: '2015-07',
  ...overrides,
});

const profile = (overrides: Partial<ProfileInput> = {}): ProfileInput => ({
  contact: { phone: '13800138000', email: 'a@example.cn', address: '北京市海淀区某路 1 号', postcode: '100191' },
  employment: {
    employer: { name: '北京大学第一医院', inDirectory: true },
    department: '内科',
    position: '医师',
    title: '住院医师',
    startMonth: '2016-08',
  },
  education: [education('e1')],
  training: [],
  certificates: [],
  ...overrides,
});

const update = (input: ProfileInput, today = '2026-11-26'): ProfileCommand => ({
  type: 'UpdateProfile',
  data: { profile: input, today },
});
const given = specFor(profileDecider);

describe('profile decider', () => {
  it('still decides after staff decisions on the account (a notice, a reset code) in the candidate stream', () => {
    const input = profile();
    given([
      registered,
      {
        type: 'CandidateNoticeIssued',
        data: {
          noticeId: 'n1',
          decisionId: 'd1',
          message: '您的账号已由工作人员核实',
          issuedAt: '2026-11-01T00:00:00Z',
        },
      },
      { type: 'CandidateNoticesShown', data: { noticeIds: ['n1'], shownAt: '2026-11-02T00:00:00Z' } },
      { type: 'ResetCodeRefused', data: { at: '2026-11-03T00:00:00Z', ip: null } },
      { type: 'ResetCodeRedeemed', data: { codeId: 'c1', redeemedAt: '2026-11-03T00:01:00Z', ip: null } },
    ])
      .when(update(input))
      .then([
        { type: 'ContactDetailsChanged', data: input.contact },
        { type: 'EmploymentChanged', data: input.employment },
        { type: 'EducationAdded', data: input.education[0] },
      ]);
  });

  it('writes every section the first time it is submitted', () => {
    const input = profile();
    given([registered])
      .when(update(input))
      .then([
        { type: 'ContactDetailsChanged', data: input.contact },
        { type: 'EmploymentChanged', data: input.employment },
        { type: 'EducationAdded', data: input.education[0] },
      ]);
  });

  it('writes nothing when nothing changed, whatever the key order of the submitted objects', () => {
    const input = profile();
    const reordered = {
      ...input,
      contact: { postcode: '100191', address: '北京市海淀区某路 1 号', email: 'a@example.cn', phone: '13800138000' },
    };
    const history = profileDecider.decide(
      update(input),
      profileDecider.evolve(profileDecider.initialState(), registered),
    );
    given([registered, ...history])
      .when(update(reordered))
      .then([]);
  });

  it('describes only what changed: a changed entry, a removed one, an added one', () => {
    const first = profile({ education: [education('e1'), education('e2', { major: '护理学' })] });
    const history = profileDecider.decide(
      update(first),
      profileDecider.evolve(profileDecider.initialState(), registered),
    );
    const next = profile({
      education: [
        education('e1', { to: '2015-06' }),
        education('e3', { school: { name: '某某卫校', inDirectory: false } }),
      ],
    });
    given([registered, ...history])
      .when(update(next))
      .then([
        { type: 'EducationRemoved', data: { id: 'e2' } },
        { type: 'EducationChanged', data: next.education[0] },
        { type: 'EducationAdded', data: next.education[1] },
      ]);
  });

  it('records a new photo once; the same photo again changes nothing', () => {
    const photo: ProfileCommand = {
      type: 'UploadPhoto',
      data: { sha256: 'ab'.repeat(32), bytes: 20000, width: 215, height: 300 },
    };
    given([registered])
      .when(photo)
      .then([{ type: 'PhotoUploaded', data: photo.data }]);
    given([registered, { type: 'PhotoUploaded', data: photo.data }])
      .when(photo)
      .then([]);
  });

  it('refuses a candidate that was never registered', () => {
    given([]).when(update(profile())).thenThrows('CANDIDATE_NOT_FOUND');
  });

  it.each([
    [
      'a month without the dash',
      { employment: { ...profile().employment, startMonth: '201608' } },
      'employment.startMonth',
      'MONTH_FORMAT',
    ],
    ['a month in the future', { education: [education('e1', { to: '2026-12' })] }, 'education.0.to', 'MONTH_IN_FUTURE'],
    [
      'from after to',
      { education: [education('e1', { from: '2015-09', to: '2015-07' })] },
      'education.0.to',
      'MONTH_ORDER',
    ],
    [
      'an empty school',
      { education: [education('e1', { school: { name: '', inDirectory: false } })] },
      'education.0.school',
      'REQUIRED',
    ],
    ['an unknown 学历', { education: [education('e1', { level: '博士后' })] }, 'education.0.level', 'NOT_ALLOWED'],
    ['a malformed phone', { contact: { ...profile().contact, phone: '12345' } }, 'contact.phone', 'PHONE_FORMAT'],
    [
      'a malformed postcode',
      { contact: { ...profile().contact, postcode: '1234' } },
      'contact.postcode',
      'POSTCODE_FORMAT',
    ],
    [
      'an empty employer',
      { employment: { ...profile().employment, employer: { name: '', inDirectory: false } } },
      'employment.employer',
      'REQUIRED',
    ],
    [
      'training ending before it starts',
      { training: [{ id: 't1', kind: '规范化培训', institution: '北京大学第一医院', from: '2019-09', to: '2018-08' }] },
      'training.0.to',
      'MONTH_ORDER',
    ],
    [
      'a certificate number with spaces',
      {
        certificates: [
          { id: 'k1', kind: '医师资格证书', number: '2016 110', issuedOn: '2017-01', issuer: '国家卫健委' },
        ],
      },
      'certificates.0.number',
      'CERTIFICATE_NUMBER_FORMAT',
    ],
  ])('refuses %s, naming the field', (_case, overrides, field, code) => {
    const run = () =>
      profileDecider.decide(
        update(profile(overrides as Partial<ProfileInput>)),
        profileDecider.evolve(profileDecider.initialState(), registered),
      );
    expect(run).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ field, code })] }),
    );
  });

  it('refuses two entries with the same id', () => {
    given([registered])
      .when(update(profile({ education: [education('e1'), education('e1')] })))
      .thenThrows('VALIDATION_FAILED');
  });
});
