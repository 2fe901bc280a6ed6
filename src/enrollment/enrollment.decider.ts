import { assertNever, type Decider } from '../shared/decider';
import { DomainError, ValidationError } from '../shared/errors';
import type { Actor } from '../shared/messages';
import type { CategoryRequirements, EducationLevel, SessionWindows } from '../catalog/catalog.events';
import type { CatalogCategory } from '../catalog/catalog.state';
import type {
  BasicInfoSnapshot,
  CertificateSnapshot,
  EducationSnapshot,
  EmploymentSnapshot,
  EnrollmentEvent,
  SiteChoice,
  TrainingSnapshot,
} from './enrollment.events';
import { copiedStepNames, type CopiedStep } from './profile-drift';
import {
  evolveEnrollment,
  heldSeatOf,
  initialEnrollmentState,
  nextStep,
  staffSiteCodeOf,
  stepName,
  type EnrollmentState,
} from './enrollment.state';
import {
  educationLevelOf,
  meetsMinimum,
  requireBeforeWithdrawalDeadline,
  requireRegistrationOpen,
  requireSiteInScope,
  requireStaff,
  type SiteScope,
} from './enrollment-rules';
import { decideReview } from './enrollment-review.decider';
import { SiteFullError } from './seats/seat.decider';

/** Every command brings its time, its actor and the session's windows (deciders stay pure). */
export interface CommandBase {
  now: Date;
  actor: Actor;
  windows: SessionWindows;
}

export type CandidateCommand =
  | {
      type: 'StartEnrollment';
      sessionCode: string;
      candidateId: string;
      pledgeVersion: string;
      currentPledgeVersion: string;
      /** The catalog's category, undefined when the code is unknown. */
      category: CatalogCategory | undefined;
      highestEducation: EducationLevel | null;
    }
  | { type: 'ConfirmBasicInfo'; basicInfo: BasicInfoSnapshot }
  | { type: 'ConfirmEmployment'; employment: EmploymentSnapshot }
  /**
   * Steps 4 and 5. `keepIncomplete` (保存): a selection 下一步 would refuse is saved as a draft
   * instead; without it (下一步) such a selection is refused and nothing changes.
   */
  | {
      type: 'SelectQualifications';
      education: EducationSnapshot[];
      training: TrainingSnapshot[];
      requirements: CategoryRequirements;
      keepIncomplete?: boolean;
    }
  | {
      type: 'SelectCertificates';
      certificates: CertificateSnapshot[];
      requirements: CategoryRequirements;
      keepIncomplete?: boolean;
    }
  /** `siteFull`: no seat is free there (one this enrollment holds counts as free): only free sites are offered. */
  | { type: 'ChooseExamSite'; choice: SiteChoice; siteOpen: boolean; siteFull?: boolean }
  /**
   * Sent once the handler holds a seat at `siteCode`, with the profile's 证件照 at that moment
   * (null when there is none: neither the guide nor the design requires one to submit). A step 6
   * saved meanwhile (another tab) moved the choice off the held seat: refused, not submitted seatless.
   */
  | {
      type: 'SubmitEnrollment';
      siteCode: string;
      /** The hold on the seat at `siteCode` taken for this submission. */
      seatHoldId: string;
      photoSha256: string | null;
      /** The category as the catalog has it now: stopped, or its requirements changed since steps 4–5. */
      category: CatalogCategory | undefined;
      /** Steps whose copy of the profile is out of date (corrected on 个人信息 since): confirmed again first. */
      outdatedSteps: CopiedStep[];
    }
  /**
   * `note`: why staff made the change (staff give one; a candidate's own change has none).
   * `scope`: where the staff member may act, checked on the seat as the command finds it.
   * `seatHoldId`: the hold on the new site's seat taken for this change.
   */
  | {
      type: 'ChangeExamSite';
      choice: SiteChoice;
      seatHoldId: string;
      siteOpen: boolean;
      note?: string;
      scope?: SiteScope;
    }
  | { type: 'WithdrawEnrollment'; note?: string; scope?: SiteScope };

/** `scope`: where the staff member may decide, checked against the seat's site as the command finds it. */
export type StaffCommand =
  /**
   * `awaitingReviewOnly`: 通过所选, which covers rows 已提交，待审核 only (not a second thought on a rejection).
   * `accountSuspended`: the candidate's account, as its stream says now (an identity case suspended it).
   */
  | {
      type: 'ApproveEnrollment';
      reason: string;
      scope: SiteScope;
      awaitingReviewOnly?: boolean;
      accountSuspended?: boolean;
    }
  | { type: 'RejectEnrollment'; reason: string; scope: SiteScope }
  | {
      type: 'IssueAdmissionTicket';
      ticketNumber: string;
      siteCode: string;
      room: number;
      seat: number;
      scope: SiteScope;
      accountSuspended?: boolean;
    };

export type EnrollmentCommand = CommandBase & (CandidateCommand | StaffCommand);

/** The candidate may change steps 2–6: a draft, or after a rejection until resubmitted. */
export const EDITABLE: ReadonlyArray<EnrollmentState['status']> = ['draft', 'rejected'];
/** An enrollment that was submitted and neither withdrawn nor started again: it holds a seat. */
export const ACTIVE: ReadonlyArray<EnrollmentState['status']> = ['submitted', 'approved', 'rejected'];

function requireEditable(state: EnrollmentState, step: number): void {
  if (state.status === 'none' || state.status === 'withdrawn')
    throw new DomainError('NOT_ENROLLED', '请先点击“+”开始报名');
  if (!EDITABLE.includes(state.status))
    throw new DomainError('ALREADY_SUBMITTED', '报名已提交，如需修改请先放弃报考后重新报名');
  if (nextStep(state) < step)
    throw new DomainError('STEP_OUT_OF_ORDER', `请按顺序完成报名步骤：请先完成${stepName(nextStep(state))}`);
}

/**
 * What any save of `step` would refuse before looking at what is saved (window, status, order):
 * steps 2–3 save their corrections to the profile first, and a refused step must not have done so.
 */
export function requireStepOpen(command: CommandBase, state: EnrollmentState, step: number): void {
  requireRegistrationOpen(command.windows, command.now, command.actor);
  requireEditable(state, step);
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function decideStart(command: Extract<EnrollmentCommand, { type: 'StartEnrollment' }>, state: EnrollmentState) {
  requireRegistrationOpen(command.windows, command.now, command.actor);
  if (ACTIVE.includes(state.status)) throw new DomainError('ALREADY_ENROLLED', '您已报名本次考试，不能重复报名');
  if (!command.pledgeVersion) throw new DomainError('PLEDGE_REQUIRED', '请先阅读并同意考生承诺书');
  if (command.pledgeVersion !== command.currentPledgeVersion)
    throw new DomainError('PLEDGE_OUTDATED', '您同意的不是现行的考生承诺书，请重新阅读并同意');
  const category = command.category;
  if (!category?.offered) throw new DomainError('CATEGORY_NOT_OFFERED', '该报考类别不在本次考试中，请重新选择');
  if (!meetsMinimum(command.highestEducation, category.requirements.minimumEducation))
    throw new DomainError('CATEGORY_NOT_OPEN', `报考该类别须具有${category.requirements.minimumEducation}及以上学历`);
  if (
    state.status === 'draft' &&
    state.category?.code === category.code &&
    state.pledgeVersion === command.pledgeVersion
  )
    return [];
  const attempt = state.status === 'draft' ? state.attempt : state.attempt + 1;
  const { sessionCode, candidateId, pledgeVersion } = command;
  return [
    {
      type: 'EnrollmentStarted' as const,
      data: {
        sessionCode,
        candidateId,
        attempt,
        pledgeVersion,
        categoryCode: category.code,
        categoryName: category.name,
        level: category.level,
      },
    },
  ];
}

/** Why 下一步 refuses this step-4 selection, or null when it is complete. */
export function qualificationsProblem(
  education: EducationSnapshot[],
  training: TrainingSnapshot[],
  requirements: CategoryRequirements,
): ValidationError | null {
  if (education.length === 0)
    return new ValidationError([{ field: 'education', code: 'EDUCATION_REQUIRED', message: '请至少选择一项教育经历' }]);
  if (!education.some((entry) => meetsMinimum(educationLevelOf(entry.degree), requirements.minimumEducation)))
    return new ValidationError([
      {
        field: 'education',
        code: 'EDUCATION_BELOW_MINIMUM',
        message: `请选择${requirements.minimumEducation}及以上学历的教育经历`,
      },
    ]);
  if (requirements.trainingRequired && training.length === 0)
    return new ValidationError([{ field: 'training', code: 'TRAINING_REQUIRED', message: '该类别须选择培训经历' }]);
  return null;
}

function decideQualifications(
  command: Extract<EnrollmentCommand, { type: 'SelectQualifications' }>,
  state: EnrollmentState,
): EnrollmentEvent[] {
  const { education, training, requirements } = command;
  const selection = { education, training };
  const problem = qualificationsProblem(education, training, requirements);
  if (problem) {
    if (!command.keepIncomplete) throw problem;
    return same(state.qualificationsDraft, selection) ? [] : [{ type: 'QualificationsDraftSaved', data: selection }];
  }
  if (!state.qualificationsDraft && same(state.qualifications, selection)) return [];
  return [{ type: 'QualificationsSelected', data: selection }];
}

/** Why 下一步 refuses this step-5 selection, or null when it is complete. */
export function certificatesProblem(
  certificates: CertificateSnapshot[],
  requirements: CategoryRequirements,
): ValidationError | null {
  return requirements.certificatesRequired && certificates.length === 0
    ? new ValidationError([{ field: 'certificates', code: 'CERTIFICATE_REQUIRED', message: '该类别须选择证书' }])
    : null;
}

function decideCertificates(
  command: Extract<EnrollmentCommand, { type: 'SelectCertificates' }>,
  state: EnrollmentState,
): EnrollmentEvent[] {
  const { certificates } = command;
  const problem = certificatesProblem(certificates, command.requirements);
  if (problem) {
    if (!command.keepIncomplete) throw problem;
    return same(state.certificatesDraft, certificates)
      ? []
      : [{ type: 'CertificatesDraftSaved', data: { certificates } }];
  }
  if (!state.certificatesDraft && same(state.certificates, certificates)) return [];
  return [{ type: 'CertificatesSelected', data: { certificates } }];
}

/** 提交 checks the category as it is now: an admin may have stopped it or changed what it requires. */
function requireStillOpenTo(category: CatalogCategory | undefined, state: EnrollmentState): void {
  const problem = categoryProblem(category, state);
  if (problem) throw new DomainError(problem.code, problem.message);
}

export interface CategoryProblem {
  code: 'CATEGORY_NOT_OFFERED' | 'REQUIREMENTS_CHANGED';
  message: string;
  /** The step whose choice no longer meets the requirements, if choosing again there may help. */
  step: 4 | 5 | null;
}

/**
 * Why 提交 would refuse this enrollment's category as the catalog has it now, or null: the check
 * page says so before the candidate presses 提交.
 */
export function categoryProblem(category: CatalogCategory | undefined, state: EnrollmentState): CategoryProblem | null {
  // A draft simply chooses another category (steps 2–6 start again); a rejected enrollment holds a
  // seat and a review, which 放弃报考 gives up first.
  const otherCategory = state.status === 'draft' ? '重新选择报考类别' : '放弃本次报名后选择其他类别';
  if (!category?.offered)
    return { code: 'CATEGORY_NOT_OFFERED', message: `该报考类别已停止报名，请${otherCategory}`, step: null };
  const chosen = state.qualifications;
  if (!chosen) return null;
  const problem =
    qualificationsProblem(chosen.education, chosen.training, category.requirements) ??
    certificatesProblem(state.certificates ?? [], category.requirements);
  if (!problem) return null;
  const { field, code, message } = problem.fields[0];
  const then =
    code === 'EDUCATION_BELOW_MINIMUM'
      ? `如您有符合要求的教育经历，请回到第四步选择；如没有，请${otherCategory}`
      : `请回到第${field === 'certificates' ? '五' : '四'}步重新选择后再提交`;
  const step = field === 'certificates' ? 5 : 4;
  return { code: 'REQUIREMENTS_CHANGED', message: `报考条件已调整：${message}。${then}`, step };
}

export function decideEnrollment(command: EnrollmentCommand, state: EnrollmentState): EnrollmentEvent[] {
  const { windows, now, actor } = command;
  /** The seat relied on so far: a resubmission or withdrawal gives it back. */
  const previous = heldSeatOf(state);
  switch (command.type) {
    case 'StartEnrollment':
      return decideStart(command, state);
    case 'ConfirmBasicInfo':
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 2);
      return same(state.basicInfo, command.basicInfo)
        ? []
        : [{ type: 'BasicInfoConfirmed', data: { basicInfo: command.basicInfo } }];
    case 'ConfirmEmployment':
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 3);
      return same(state.employment, command.employment)
        ? []
        : [{ type: 'EmploymentConfirmed', data: { employment: command.employment } }];
    case 'SelectQualifications':
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 4);
      return decideQualifications(command, state);
    case 'SelectCertificates':
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 5);
      return decideCertificates(command, state);
    case 'ChooseExamSite':
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 6);
      if (!command.siteOpen) throw new DomainError('SITE_CLOSED', '该考点已停止报名');
      if (command.siteFull) throw new SiteFullError();
      return same(state.site, command.choice) ? [] : [{ type: 'ExamSiteChosen', data: command.choice }];
    case 'SubmitEnrollment':
      // A repeated 提交 keeps the one enrollment; from a page that showed another site, it is refused.
      if (state.status === 'submitted') {
        if (command.siteCode !== state.seatSiteCode)
          throw new DomainError('SITE_CHOICE_CHANGED', '考点选择已变更，请核对后重新提交');
        return [];
      }
      requireRegistrationOpen(windows, now, actor);
      requireEditable(state, 7);
      if (state.site?.siteCode !== command.siteCode)
        throw new DomainError('SITE_CHOICE_CHANGED', '考点选择已变更，请核对后重新提交');
      requireStillOpenTo(command.category, state);
      if (command.outdatedSteps.length > 0)
        throw new DomainError(
          'PROFILE_CHANGED',
          `个人信息已修改，报名表中仍是修改前的信息：请重新进入${copiedStepNames(command.outdatedSteps)}，核实后点击“下一步”，再提交`,
        );
      return [
        {
          type: 'EnrollmentSubmitted',
          data: {
            ...state.site!,
            attempt: state.attempt,
            photoSha256: command.photoSha256,
            seatHoldId: command.seatHoldId,
            ...(previous ? { previousSeat: previous } : {}),
          },
        },
      ];
    case 'ChangeExamSite':
      return decideChangeSite(command, state);
    case 'WithdrawEnrollment':
      requireWithdrawable(command, state);
      if (state.status === 'withdrawn') return [];
      return [
        {
          type: 'EnrollmentWithdrawn',
          data: {
            attempt: state.attempt,
            siteCode: state.seatSiteCode,
            ...(previous ? { seatHoldId: previous.seatHoldId } : {}),
            ...noteOf(command),
          },
        },
      ];
    case 'ApproveEnrollment':
    case 'RejectEnrollment':
    case 'IssueAdmissionTicket':
      requireStaff(actor);
      return decideReview(command, state);
    default:
      return assertNever(command);
  }
}

/** Who withdraws, when, and (staff) within which scope: what 放弃报考 and 修改考点 check before anything else. */
type ChangeRequest = Pick<CommandBase, 'now' | 'actor' | 'windows'> & { scope?: SiteScope };

/**
 * What 放弃报考 refuses whatever is sent; one already withdrawn is nothing to do, not refused. The
 * page calls it too, to give the reason instead of a form that could only be refused.
 */
export function requireWithdrawable(request: ChangeRequest, state: EnrollmentState): void {
  if (state.status === 'none') throw new DomainError('NOT_ENROLLED', '没有可放弃的报名');
  if (request.scope) requireSiteInScope(request.scope, staffSiteCodeOf(state));
  if (state.status === 'withdrawn') return;
  requireBeforeWithdrawalDeadline(request.windows, request.now, request.actor);
}

/**
 * What 修改考点 refuses whichever site is chosen (`siteCode`, when one is, is checked against a staff
 * scope in the same order as ever). The page calls it too, to give the reason instead of the form.
 */
export function requireSiteChangeable(request: ChangeRequest & { siteCode?: string }, state: EnrollmentState): void {
  if (!ACTIVE.includes(state.status)) throw new DomainError('NOT_SUBMITTED', '报名提交后才能修改考点');
  if (request.scope) {
    requireSiteInScope(request.scope, state.seatSiteCode);
    if (request.siteCode !== undefined) requireSiteInScope(request.scope, request.siteCode);
  }
  // A change of site sends the enrollment back to review: it must not clear a rejection unanswered.
  if (state.status === 'rejected')
    throw new DomainError('REJECTED_RESUBMIT', '报名审核未通过，请按审核意见修改后重新提交（考点可在第六步重新选择）');
  requireBeforeWithdrawalDeadline(request.windows, request.now, request.actor);
  if (state.ticket) throw new DomainError('TICKET_ALREADY_ISSUED', '准考证号已发放，不能修改考点');
}

function decideChangeSite(command: Extract<EnrollmentCommand, { type: 'ChangeExamSite' }>, state: EnrollmentState) {
  requireSiteChangeable({ ...command, siteCode: command.choice.siteCode }, state);
  // Only once the move would be allowed: the same site must not pass for a move that could not be made.
  if (state.seatSiteCode === command.choice.siteCode) {
    // Staff record a change with a reason: none made must not read as made. The candidate's page
    // says the site is already the one chosen (as a double click's second request finds it).
    if (command.actor.role !== 'candidate') throw new DomainError('SAME_SITE', '考生已在该考点，未作变更');
    return [];
  }
  if (!command.siteOpen) throw new DomainError('SITE_CLOSED', '该考点已停止报名');
  return [
    {
      type: 'ExamSiteChanged' as const,
      data: {
        ...command.choice,
        fromSiteCode: state.seatSiteCode!,
        seatHoldId: command.seatHoldId,
        fromSeatHoldId: heldSeatOf(state)?.seatHoldId ?? '',
        ...noteOf(command),
      },
    },
  ];
}

const noteOf = (command: { note?: string }) => (command.note ? { note: command.note } : {});

export const enrollmentDecider: Decider<EnrollmentState, EnrollmentCommand, EnrollmentEvent> = {
  initialState: initialEnrollmentState,
  decide: decideEnrollment,
  evolve: evolveEnrollment,
};
