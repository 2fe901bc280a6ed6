import { assertNever } from '../shared/decider';
import type { CategoryLevel } from '../catalog/catalog.events';
import type {
  BasicInfoSnapshot,
  CertificateSnapshot,
  EducationSnapshot,
  EmploymentSnapshot,
  EnrollmentEvent,
  HeldSeat,
  SiteChoice,
  TrainingSnapshot,
} from './enrollment.events';

/** draft: started, steps in progress; rejected enrollments may be corrected and submitted again. */
export type EnrollmentStatus = 'none' | 'draft' | 'submitted' | 'approved' | 'rejected' | 'withdrawn';

export interface EnrollmentState {
  status: EnrollmentStatus;
  attempt: number;
  pledgeVersion: string | null;
  category: { code: string; name: string; level: CategoryLevel } | null;
  basicInfo: BasicInfoSnapshot | null;
  employment: EmploymentSnapshot | null;
  qualifications: { education: EducationSnapshot[]; training: TrainingSnapshot[] } | null;
  certificates: CertificateSnapshot[] | null;
  /** Saved (保存) but incomplete selections of steps 4 and 5: shown again, their step still to do. */
  qualificationsDraft: { education: EducationSnapshot[]; training: TrainingSnapshot[] } | null;
  certificatesDraft: CertificateSnapshot[] | null;
  /** The site chosen in step 6 (and after a change of site, the new one). */
  site: SiteChoice | null;
  /** The site whose seat this enrollment holds: set at submission, moved by a change, cleared by withdrawal. */
  seatSiteCode: string | null;
  /**
   * The hold on that seat ('' : held before holds were named). Absent in older cached folds and
   * table rows: read it with heldSeatOf.
   */
  seatHoldId?: string | null;
  /** The site whose seat a withdrawal gave back: the enrollment stays filed there. (Absent in older folds.) */
  withdrawnFromSiteCode?: string | null;
  /** Withdrawn by staff on the candidate's behalf: the note they gave (the candidate is told why). */
  withdrawalNote?: string | null;
  /**
   * The 证件照 submitted (content hash); null: submitted without one. undefined: not recorded —
   * not submitted since the last start, or submitted before submissions recorded the photo.
   */
  submittedPhotoSha256: string | null | undefined;
  decision: { outcome: 'approved' | 'rejected'; staffId: string; reason: string } | null;
  ticket: { ticketNumber: string; siteCode: string; room: number; seat: number } | null;
  /**
   * A rejected candidate has changed steps 2–5 since submitting: what the state shows is then not
   * what was submitted, so it is approved only once resubmitted. (Absent in older cached folds.)
   */
  changedSinceSubmission?: boolean;
}

export const initialEnrollmentState = (): EnrollmentState => ({
  status: 'none',
  attempt: 0,
  pledgeVersion: null,
  category: null,
  basicInfo: null,
  employment: null,
  qualifications: null,
  certificates: null,
  qualificationsDraft: null,
  certificatesDraft: null,
  site: null,
  seatSiteCode: null,
  seatHoldId: null,
  submittedPhotoSha256: undefined,
  decision: null,
  ticket: null,
  changedSinceSubmission: false,
});

/** The six steps; the first not yet done is where a returning candidate resumes. */
export type EnrollmentStep = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** The six steps as the guide names them (第三步 1–6); the check before 提交 ends step 6. */
export const STEP_LABELS = [
  '选择报考类别',
  '核实基本情况',
  '核实工作情况',
  '选择教育经历和培训经历',
  '选择证书情况',
  '选择考区及考点',
] as const;

/** 第四步“选择教育经历和培训经历”: how pages and refusals name step `n` (1–6). */
export function stepName(n: number): string {
  return `第${'一二三四五六'[n - 1]}步“${STEP_LABELS[n - 1]}”`;
}

export function nextStep(state: EnrollmentState): EnrollmentStep {
  if (!state.category) return 1;
  if (!state.basicInfo) return 2;
  if (!state.employment) return 3;
  if (!state.qualifications || state.qualificationsDraft) return 4;
  if (!state.certificates || state.certificatesDraft) return 5;
  if (!state.site) return 6;
  return 7; // every step done: the check-your-answers page
}

/** The seat the enrollment relies on, with its hold; null when it holds none. */
export function heldSeatOf(state: Pick<EnrollmentState, 'seatSiteCode' | 'seatHoldId'>): HeldSeat | null {
  return state.seatSiteCode ? { siteCode: state.seatSiteCode, seatHoldId: state.seatHoldId ?? '' } : null;
}

/**
 * The site where the enrollment is filed (staff scope, printing): its seat's, after a withdrawal
 * the one it gave back, never a rejected candidate's unsent step-6 choice; before 提交, that choice.
 */
export function filedSiteCodeOf(state: EnrollmentState): string | null {
  return state.seatSiteCode ?? state.withdrawnFromSiteCode ?? state.site?.siteCode ?? null;
}

/**
 * The site whose staff answer for the enrollment: its seat's, or the one it was withdrawn from (so
 * that a withdrawal repeated, or a decision sent after it, is answered for what it is, not as
 * outside their scope). A draft has none: staff do not act on drafts.
 */
export function staffSiteCodeOf(state: EnrollmentState): string | null {
  return state.seatSiteCode ?? state.withdrawnFromSiteCode ?? null;
}

/** Whether the enrollment relies on this hold of a seat at this site. */
export function reliesOn(state: Pick<EnrollmentState, 'seatSiteCode' | 'seatHoldId'>, seat: HeldSeat): boolean {
  const held = heldSeatOf(state);
  return held?.siteCode === seat.siteCode && held.seatHoldId === seat.seatHoldId;
}

/** A rejected candidate's step-6 choice of another site than the seat's: it moves the seat only when resubmitted. */
export function pendingSiteChoice(state: EnrollmentState): SiteChoice | null {
  return state.seatSiteCode && state.site && state.site.siteCode !== state.seatSiteCode ? state.site : null;
}

/** What staff can approve is what was submitted: a rejected candidate's changes wait for the resubmission. */
export function awaitingResubmission(state: EnrollmentState): boolean {
  return state.status === 'rejected' && (Boolean(state.changedSinceSubmission) || pendingSiteChoice(state) !== null);
}

/** A step's change: after a rejection it makes the form differ from the one submitted. */
const changed = (state: EnrollmentState): Pick<EnrollmentState, 'changedSinceSubmission'> =>
  state.status === 'rejected' ? { changedSinceSubmission: true } : {};

export function evolveEnrollment(state: EnrollmentState, event: EnrollmentEvent): EnrollmentState {
  switch (event.type) {
    case 'EnrollmentStarted': {
      const { attempt, pledgeVersion, categoryCode, categoryName, level } = event.data;
      const category = { code: categoryCode, name: categoryName, level };
      // A new category means new requirements: the later steps are chosen again.
      return { ...initialEnrollmentState(), status: 'draft', attempt, pledgeVersion, category };
    }
    case 'BasicInfoConfirmed':
      return { ...state, ...changed(state), basicInfo: event.data.basicInfo };
    case 'EmploymentConfirmed':
      return { ...state, ...changed(state), employment: event.data.employment };
    case 'QualificationsSelected':
      return {
        ...state,
        ...changed(state),
        qualifications: { education: event.data.education, training: event.data.training },
        qualificationsDraft: null,
      };
    case 'CertificatesSelected':
      return { ...state, ...changed(state), certificates: event.data.certificates, certificatesDraft: null };
    case 'QualificationsDraftSaved':
      return { ...state, qualificationsDraft: { education: event.data.education, training: event.data.training } };
    case 'CertificatesDraftSaved':
      return { ...state, certificatesDraft: event.data.certificates };
    case 'ExamSiteChosen':
      return { ...state, site: siteOf(event.data) };
    case 'EnrollmentSubmitted':
      return {
        ...state,
        status: 'submitted',
        site: siteOf(event.data),
        seatSiteCode: event.data.siteCode,
        seatHoldId: event.data.seatHoldId ?? '',
        submittedPhotoSha256: event.data.photoSha256,
        decision: null,
        changedSinceSubmission: false,
      };
    case 'ExamSiteChanged':
      // The new site's staff review the enrollment again.
      return {
        ...state,
        status: 'submitted',
        site: siteOf(event.data),
        seatSiteCode: event.data.siteCode,
        seatHoldId: event.data.seatHoldId ?? '',
        decision: null,
        changedSinceSubmission: false,
      };
    case 'EnrollmentWithdrawn':
      return {
        ...state,
        status: 'withdrawn',
        seatSiteCode: null,
        seatHoldId: null,
        withdrawnFromSiteCode: event.data.siteCode,
        withdrawalNote: event.data.note ?? null,
      };
    case 'EnrollmentApproved':
      // Approved as submitted: a rejected candidate's unfinished corrections can no longer be made.
      return {
        ...state,
        status: 'approved',
        decision: { outcome: 'approved', ...event.data },
        qualificationsDraft: null,
        certificatesDraft: null,
        // What is approved is the form as it stands: nothing left waiting for a resubmission.
        changedSinceSubmission: false,
      };
    case 'EnrollmentRejected':
      return { ...state, status: 'rejected', decision: { outcome: 'rejected', ...event.data } };
    case 'AdmissionTicketIssued': {
      const { ticketNumber, siteCode, room, seat } = event.data;
      return { ...state, ticket: { ticketNumber, siteCode, room, seat } };
    }
    default:
      return assertNever(event);
  }
}

function siteOf(choice: SiteChoice): SiteChoice {
  return { areaCode: choice.areaCode, areaName: choice.areaName, siteCode: choice.siteCode, siteName: choice.siteName };
}
