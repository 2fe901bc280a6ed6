import type { EnrollmentProfile } from './candidate-profile/enrollment-profiles.port';
import { initialEnrollmentState, type EnrollmentState } from './enrollment.state';
import { copiedStepNames, outdatedSinceSubmitted, outdatedSteps } from './profile-drift';
import { basicInfoFixture } from './testing/basic-info.fixture';

const profile: EnrollmentProfile = {
  candidateId: 'c1',
  basicInfo: basicInfoFixture,
  employment: { status: '在职', employer: '某医院', department: '内科' },
  education: [{ id: 'edu-1', school: '某医学院', major: '临床医学', degree: '学士', from: '2014-09', to: '2019-07' }],
  training: [{ id: 'tr-1', kind: '试用期', institution: '某医院', from: '2019-08', to: '2020-08' }],
  certificates: [{ id: 'cert-1', name: '医师资格证书', number: '123' }],
  photoSha256: null,
};

/** Every step confirmed on the profile above, its copies as they come back from the store (JSON). */
const confirmed = (): EnrollmentState =>
  JSON.parse(
    JSON.stringify({
      ...initialEnrollmentState(),
      status: 'rejected',
      basicInfo: profile.basicInfo,
      employment: profile.employment,
      qualifications: { education: profile.education, training: profile.training },
      certificates: profile.certificates,
    }),
  ) as EnrollmentState;

describe('steps whose copy of the profile is out of date', () => {
  it('finds none while the copies are the profile, whatever the key order', () => {
    const reordered = { ...profile, basicInfo: { phoneMasked: '138****8000', ...profile.basicInfo } };
    expect(outdatedSteps(confirmed(), reordered)).toEqual([]);
  });

  it('finds steps 2 and 3 when contact or employment were corrected', () => {
    const corrected = {
      ...profile,
      basicInfo: { ...profile.basicInfo, address: '北京市东城区' },
      employment: { ...profile.employment!, department: '外科' },
    };
    expect(outdatedSteps(confirmed(), corrected)).toEqual([2, 3]);
  });

  it('takes a copy made before the 邮政编码 was copied as it stands, but not one made since', () => {
    const withPostcode = { ...profile, basicInfo: { ...profile.basicInfo, postcode: '100010' } };
    expect(outdatedSteps(confirmed(), withPostcode)).toEqual([]); // the copy predates postcodes
    const copiedSince = { ...confirmed(), basicInfo: { ...profile.basicInfo, postcode: '100020' } };
    expect(outdatedSteps(copiedSince, withPostcode)).toEqual([2]);
  });

  it('takes step 4 copied before 学位 and 学习形式 were copied as it stands, but not one copied since', () => {
    const entry = { ...profile.education[0], academicDegree: '学士', studyForm: '全日制' };
    const withDegree = { ...profile, education: [entry] };
    expect(outdatedSteps(confirmed(), withDegree)).toEqual([]); // the copy predates them
    const copiedSince = { ...confirmed(), qualifications: { education: [entry], training: profile.training } };
    expect(outdatedSteps(copiedSince, withDegree)).toEqual([]);
    const corrected = { ...profile, education: [{ ...entry, academicDegree: '硕士' }] };
    expect(outdatedSteps(copiedSince, corrected)).toEqual([4]);
  });

  it('takes a copy holding characters that do not show as the same as the profile cleaned of them', () => {
    const pasted = { ...confirmed(), basicInfo: { ...profile.basicInfo, address: '北京市\u202e东城区\u200b' } };
    const cleaned = { ...profile, basicInfo: { ...profile.basicInfo, address: '北京市东城区' } };
    expect(outdatedSteps(pasted, cleaned)).toEqual([]);
  });

  it('takes a field saved blank as the same as one never filled in', () => {
    expect(outdatedSteps(confirmed(), { ...profile, basicInfo: { ...profile.basicInfo, address: '' } })).toEqual([]);
  });

  it('finds step 4 or 5 when a chosen entry was changed or deleted, not when another was added', () => {
    const trainingFixed = { ...profile, training: [{ ...profile.training[0], institution: '另一医院' }] };
    expect(outdatedSteps(confirmed(), trainingFixed)).toEqual([4]);
    expect(outdatedSteps(confirmed(), { ...profile, certificates: [] })).toEqual([5]);
    const added = { ...profile, education: [...profile.education, { ...profile.education[0], id: 'edu-2' }] };
    expect(outdatedSteps(confirmed(), added)).toEqual([]);
  });

  it('looks only at steps already confirmed', () => {
    const started = { ...initialEnrollmentState(), status: 'draft' as const, basicInfo: profile.basicInfo };
    expect(outdatedSteps(started, { ...profile, employment: null, training: [] })).toEqual([]);
  });

  it('names the steps as the step bar does', () => {
    expect(copiedStepNames([2, 4])).toBe('第二步“核实基本情况”、第四步“选择教育经历和培训经历”');
  });
});

describe('steps out of date in an enrollment kept as submitted', () => {
  const phoneChanged = { ...profile, basicInfo: { ...profile.basicInfo, phoneMasked: '139****5678' } };
  const as = (status: EnrollmentState['status']): EnrollmentState => ({ ...confirmed(), status });

  it('finds them in a submitted or an approved enrollment', () => {
    expect(outdatedSinceSubmitted(as('submitted'), phoneChanged)).toEqual([2]);
    expect(outdatedSinceSubmitted(as('approved'), phoneChanged)).toEqual([2]);
  });

  it('finds none while the copies are the profile', () => {
    expect(outdatedSinceSubmitted(as('approved'), profile)).toEqual([]);
  });

  it('leaves drafts and rejected enrollments to their check page, and a withdrawn one alone', () => {
    for (const status of ['draft', 'rejected', 'withdrawn'] as const)
      expect(outdatedSinceSubmitted(as(status), phoneChanged)).toEqual([]);
  });
});
