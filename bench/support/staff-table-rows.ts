/**
 * Staff-table rows as the enrollment-table projection stores them (a full step-1–6 state in each,
 * so the documents are as large as a real season's), for the benches that read the table.
 */
import { nameSortKey } from '../../src/shared/name-sort-key';
import { blankRow, type EnrollmentRow } from '../../projections/enrollment-table/enrollment-table.projection';
import { initialEnrollmentState, type EnrollmentState } from '../../src/enrollment/enrollment.state';

export const SITES = 40;
export const siteCodeOf = (i: number) => `11${String(1 + (i % SITES)).padStart(2, '0')}`;
export const holdIdOf = (i: number) => `hold-${i}`;

function stateOf(i: number, fullName: string): EnrollmentState {
  const siteCode = siteCodeOf(i);
  const education = [
    { id: 'edu-1', school: '首都医科大学', major: '临床医学', degree: '本科', from: '2014-09', to: '2019-07' },
  ];
  return {
    ...initialEnrollmentState(),
    status: 'submitted',
    attempt: 1,
    pledgeVersion: 'v1',
    category: { code: '110', name: '临床执业医师', level: '执业医师' },
    basicInfo: {
      fullName,
      gender: '女',
      birthDate: '1996-05-01',
      idType: '居民身份证',
      idNumberMasked: '110***********0000',
    },
    employment: { status: '在职', employer: '北京协和医院' },
    qualifications: {
      education,
      training: [{ id: 'tr-1', kind: '试用期', institution: '北京协和医院', from: '2019-08', to: '2020-08' }],
    },
    certificates: [],
    site: { areaCode: '11', areaName: '北京市', siteCode, siteName: `第${siteCode}考点` },
    seatSiteCode: siteCode,
    seatHoldId: holdIdOf(i),
    submittedPhotoSha256: null,
  } as EnrollmentState;
}

/**
 * Row i of session 2027, submitted at site siteCodeOf(i) a month before `startedAt` plus i seconds
 * (so none changed in the last minutes: allRows reads those again), category 110, status submitted.
 */
export function submittedRow(i: number, startedAt: number, fullName = `考生${i}`): EnrollmentRow {
  const state = stateOf(i, fullName);
  const at = new Date(startedAt - 30 * 86_400_000 + i * 1000).toISOString();
  return {
    ...blankRow(`2027_cand-${i}`, '2027', `cand-${i}`),
    attempt: 1,
    status: 'submitted',
    step: 7,
    candidateName: fullName,
    candidateNameKey: nameSortKey(fullName),
    idNumberMasked: state.basicInfo!.idNumberMasked,
    gender: '女',
    categoryCode: '110',
    categoryName: '临床执业医师',
    areaCode: '11',
    areaName: '北京市',
    siteCode: state.seatSiteCode!,
    siteName: state.site!.siteName,
    seatSite: state.site,
    startedAt: at,
    submittedAt: at,
    updatedAt: at,
    state,
    revision: 7,
  };
}
