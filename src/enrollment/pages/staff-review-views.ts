import type { DirectoryKind } from '../../directory/directory.types';
import { educationWithForm } from '../education-attainment';
import type { Principal } from '../../infrastructure/http/principal';
import { ForbiddenError } from '../../shared/errors';
import type { ScheduledCatalog } from '../enrollment-decisions';
import { coversSite } from '../staff-review/enrollment-review.service';
import { ACTIVE } from '../enrollment.decider';
import { filedSiteCodeOf, type EnrollmentState } from '../enrollment.state';

/** What staff see and act on: enrollments that were submitted (withdrawn ones too, for the record). */
const SUBMITTED: ReadonlyArray<EnrollmentState['status']> = [...ACTIVE, 'withdrawn'];

/** Whether staff may open an enrollment: submitted (never a draft), at a site within their scope. */
export function visibleToStaff(principal: Pick<Principal, 'role' | 'scope'>, state: EnrollmentState): boolean {
  return SUBMITTED.includes(state.status) && coversSite(principal, filedSiteCodeOf(state));
}

/** A site as staff read it: area and site names from the catalog. */
export function placeOf(catalog: Pick<ScheduledCatalog, 'areas' | 'sites'>, siteCode?: string | null): string {
  const site = siteCode ? catalog.sites[siteCode] : undefined;
  return site ? `${catalog.areas[site.areaCode]?.name ?? ''} ${site.name}`.trim() : (siteCode ?? '');
}

const period = (from: string, to: string) => `${from}至${to}`;

/** Whether a name is in the institution directory (工作单位 or 毕业学校) as it stands now. */
export type Listed = (kind: DirectoryKind, name: string) => boolean;

/** As the profile marks a typed name yellow: staff check it against the documents. */
const unlistedNote = (names: string[]) => `${names.map((name) => `“${name}”`).join('、')}不在系统名录中，请核实`;

/**
 * 资格审核 of one enrollment: the whole form as the candidate submitted it (never their unsent
 * drafts), in the order of the six steps, for staff to check before they decide. `fullIdNumber`:
 * the holder's number, shown whole for comparison with the ID card (else the masked copy); the
 * phone stays masked, as the copy holds it.
 */
export function staffReviewRows(
  state: EnrollmentState,
  seatPlace: string,
  fullIdNumber?: string,
  listed: Listed = () => true,
) {
  const basic = state.basicInfo;
  const job = state.employment;
  const chosen = state.qualifications;
  const unlistedSchools = [...new Set(chosen?.education.map((e) => e.school) ?? [])].filter(
    (school) => !listed('school', school),
  );
  return [
    {
      key: '报考类别',
      value: state.category ? `${state.category.code} ${state.category.name}（${state.category.level}）` : '',
    },
    { key: '姓名', value: basic?.fullName },
    { key: '性别', value: basic?.gender },
    { key: '出生日期', value: basic?.birthDate },
    { key: '证件', value: basic ? `${basic.idType} ${fullIdNumber ?? basic.idNumberMasked}` : '' },
    { key: '联系电话', value: basic?.phoneMasked },
    { key: '电子邮箱', value: basic?.email },
    {
      key: '工作单位',
      value: job
        ? [job.employer ?? job.status, job.department, job.position, job.since && `${job.since}起`]
            .filter(Boolean)
            .join('，')
        : '',
      note: job?.employer && !listed('employer', job.employer) ? unlistedNote([job.employer]) : undefined,
    },
    {
      key: '教育经历',
      value: chosen?.education
        .map((e) => `${e.school} ${e.major} ${educationWithForm(e)}（${period(e.from, e.to)}）`)
        .join('；'),
      note: unlistedSchools.length > 0 ? unlistedNote(unlistedSchools) : undefined,
    },
    {
      key: '培训经历',
      value: chosen
        ? chosen.training.map((t) => `${t.kind} ${t.institution}（${period(t.from, t.to)}）`).join('；') || '无'
        : '',
    },
    {
      key: '证书情况',
      value: state.certificates
        ? state.certificates
            .map((c) =>
              [c.name, c.number && `编号${c.number}`, c.issuedAt && `${c.issuedAt}取得`].filter(Boolean).join(' '),
            )
            .join('；') || '无'
        : '',
    },
    { key: '考点', value: seatPlace },
  ];
}

export interface StaffPhotoView {
  /** The photo shown (served to staff by the enrollment's own route); null: none to show. */
  sha256: string | null;
  caption: string;
}

/**
 * The 证件照 staff review beside the form: the one the submission recorded (said so when a rejected
 * candidate has uploaded another since, which counts once resubmitted); for a submission from
 * before photos were recorded, the candidate's current one, said to be so.
 */
export function staffPhotoView(
  submitted: string | null | undefined,
  current: string | null,
  rejected = false,
): StaffPhotoView {
  const replaced = rejected && current !== null && current !== submitted;
  if (submitted)
    return {
      sha256: submitted,
      caption: replaced ? '提交报名时的证件照（考生此后上传了新照片，尚未重新提交）' : '提交报名时的证件照',
    };
  if (submitted === null)
    return {
      sha256: null,
      caption: replaced ? '考生提交报名时尚未上传证件照（此后已上传，尚未重新提交）' : '考生提交报名时尚未上传证件照',
    };
  if (current) return { sha256: current, caption: '此次提交未记录照片，以下为考生当前的证件照' };
  return { sha256: null, caption: '考生尚未上传证件照' };
}

/** Staff see what they may decide on: an enrollment submitted at a site of theirs. */
export function requireVisible(principal: Pick<Principal, 'role' | 'scope'>, state: EnrollmentState): EnrollmentState {
  if (!visibleToStaff(principal, state))
    throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点，或尚未提交报名');
  return state;
}
