import type { Response } from '../../infrastructure/http/http-types';
import { AppError } from '../../shared/errors';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import type { EnrollmentRow } from '../../../projections/enrollment-table/enrollment-table.projection';
import { nextStep, STEP_LABELS, type EnrollmentState } from '../enrollment.state';

export { STEP_LABELS };
import { statusLabel } from '../enrollment-status-labels';
import { ACTIVE, EDITABLE, requireSiteChangeable, requireWithdrawable } from '../enrollment.decider';
import { requireRegistrationOpen } from '../enrollment-rules';
import type { SessionWindows } from '../../catalog/catalog.events';
import type { Actor } from '../../shared/messages';
import { currentDecision, currentRow, decisionLabel } from '../enrollment-view';
import type { CopiedStep } from '../profile-drift';
import { submittedCopyNotice } from './submitted-copy-notice';

export type Form = Record<string, unknown>;

/**
 * What a candidate may go back and change: the category until the enrollment is submitted (then
 * another category takes 放弃报考 and a new enrollment), steps 2–6 while it is a draft or rejected.
 */
export function changeable(status: EnrollmentState['status']) {
  return { category: !ACTIVE.includes(status), steps: EDITABLE.includes(status) };
}

/**
 * The step indicator's steps: done as far as the candidate got (a step saved incomplete with 保存 is
 * not, and shows as saved; nor is one the check page says to redo), each linking back where it may
 * still be changed and is not beyond the first step to do.
 */
export function enrollmentSteps(sessionCode: string, state?: EnrollmentState, redo: number[] = []) {
  const status = state?.status ?? 'none';
  const may = changeable(status);
  // Withdrawn, what was filled in belongs to the enrollment given up: a new one starts at step 1.
  const next = state && status !== 'none' && status !== 'withdrawn' ? nextStep(state) : 1;
  return STEP_LABELS.map((label, index) => ({
    label,
    done: index + 1 < next && !redo.includes(index + 1),
    saved: index + 1 === next && !!state && status !== 'withdrawn' && savedIncomplete(state, next),
    href:
      index + 1 > next
        ? undefined
        : index === 0
          ? may.category
            ? `/enrollment/${sessionCode}/categories`
            : undefined
          : may.steps
            ? `/enrollment/${sessionCode}/step/${index + 1}`
            : undefined,
  }));
}

/** Steps 4 and 5 keep a selection saved with 保存 that does not yet meet the step's rules. */
function savedIncomplete(state: EnrollmentState, step: number): boolean {
  return (step === 4 && !!state.qualificationsDraft) || (step === 5 && !!state.certificatesDraft);
}

export function text(form: Form, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Checkbox groups arrive as a string (one ticked), an array (several) or nothing. */
export function list(form: Form, name: string): string[] {
  const value = form[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' && value ? [value] : [];
}

/**
 * The message a decider's rule (`check`) refuses with, or undefined when it passes: a page shows
 * the reason instead of a form whose every submission would be refused.
 */
export function refusalOf(check: () => void): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}

/** The page again with the refusal: field errors in the summary and beside the fields. */
export function renderRefusal(res: Response, view: string, error: unknown, locals: Record<string, unknown>): void {
  if (!(error instanceof AppError) || error.httpStatus >= 500 || error.httpStatus === 401) throw error;
  // A refusal without a field (名额已满, a deadline) is listed too, linking to the page's main content.
  const errors =
    error.fields.length > 0 ? error.fields : [{ field: 'main-content', code: error.code, message: error.message }];
  res.status(error.httpStatus).render(view, { ...locals, errors, errorMessage: error.message, errorCode: error.code });
}

/** When and to whom a card is shown: its session's windows (none: the session is gone) and the candidate. */
export interface CardContext {
  now: Date;
  actor: Actor;
  windows?: SessionWindows;
}

type ChangeRequest = Required<CardContext>;

/**
 * The candidate's list on /enrollment: each row with what it shows and what it allows. With the
 * ticket number comes the session's printing window: numbers are issued weeks before it opens.
 * `outdated`: the steps whose copy no longer matches 个人信息 (outdatedSinceSubmitted).
 */
export function enrollmentCard(stored: EnrollmentRow, at: CardContext, outdated: CopiedStep[] = []) {
  const row = currentRow(stored);
  const active = ACTIVE.includes(row.status);
  const decision = currentDecision(row.state);
  const windows = at.windows;
  // The decider's own rules, asked as the pages and commands ask them: the links offer what they allow.
  const allows = (check: (request: ChangeRequest) => void) => !!windows && !refusalOf(() => check({ ...at, windows }));
  const open = {
    registration: allows(({ windows, now, actor }) => requireRegistrationOpen(windows, now, actor)),
    withdrawal: row.status !== 'withdrawn' && allows((request) => requireWithdrawable(request, row.state)),
  };
  const ticketPrinting = windows && {
    opensAt: windows.ticketPrintingOpensAt,
    closesAt: windows.ticketPrintingClosesAt,
  };
  return {
    ...row,
    statusLabel: statusLabel(row.status),
    decisionLabel: decision ? decisionLabel(decision) : '',
    startedAtText: row.startedAt ? formatBeijingTime(row.startedAt) : '',
    submittedAtText: row.submittedAt ? formatBeijingTime(row.submittedAt) : '',
    withdrawnAtText: row.withdrawnAt ? formatBeijingTime(row.withdrawnAt) : '',
    // Withdrawn by staff (报名变更), not by the candidate: said, with the reason staff recorded.
    withdrawalNote: row.status === 'withdrawn' ? (row.state.withdrawalNote ?? '') : '',
    decidedAtText: decision && row.decidedAt ? formatBeijingTime(row.decidedAt) : '',
    ticketPrintingText:
      row.ticketNumber && ticketPrinting
        ? `${formatBeijingTime(ticketPrinting.opensAt)} 至 ${formatBeijingTime(ticketPrinting.closesAt)}`
        : '',
    isDraft: row.status === 'draft',
    isRejected: row.status === 'rejected',
    isWithdrawn: row.status === 'withdrawn',
    canContinue: (row.status === 'draft' || row.status === 'rejected') && open.registration,
    // After the close a draft can no longer be finished, nor a rejected enrollment resubmitted: say so.
    closedNote:
      open.registration || !(row.status === 'draft' || row.status === 'rejected')
        ? ''
        : row.status === 'draft'
          ? '网上报名已截止，未提交的报名无效。'
          : '网上报名已截止，不能再修改并重新提交。',
    canChangeSite: allows((request) => requireSiteChangeable(request, row.state)),
    canWithdraw: open.withdrawal,
    // 打印 (guide item 7): the form exists once submitted; the print page adds the ticket when issued.
    canPrint: active,
    copyNotice: submittedCopyNotice(row, outdated, open),
  };
}

/** The revision of the enrollment a staff page showed (absent on forms older than it: not pinned). */
export function revisionOf(form: Form): bigint | undefined {
  const revision = text(form, 'revision');
  return /^\d{1,9}$/.test(revision) ? BigInt(revision) : undefined;
}
