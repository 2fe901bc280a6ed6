import type { EnrollmentRow } from '../../projections/enrollment-table/enrollment-table.projection';
import type { EnrollmentState } from './enrollment.state';
import { awaitingResubmission, nextStep } from './enrollment.state';
import { STATUS_LABELS, statusLabel } from './enrollment-status-labels';

/**
 * Withdrawal (放弃报考) voids the review decision and the admission ticket: the folded state keeps
 * them as history, and no view shows them as current.
 */
export const currentDecision = (state: EnrollmentState) => (state.status === 'withdrawn' ? null : state.decision);
export const currentTicket = (state: EnrollmentState) => (state.status === 'withdrawn' ? null : state.ticket);

/** A decision named by its own outcome (审核通过/审核未通过), whatever the status has become since. */
export const decisionLabel = (decision: { outcome: 'approved' | 'rejected' }): string =>
  STATUS_LABELS[decision.outcome];

/** A table row without what withdrawal voided (rows projected before the table cleared it still hold it). */
export function currentRow(row: EnrollmentRow): EnrollmentRow {
  if (row.status !== 'withdrawn') return row;
  return { ...row, decidedAt: '', decidedBy: '', decisionReason: '', ticketNumber: '', room: null, seat: null };
}

/** What the API answers about one enrollment. */
export function enrollmentView(sessionCode: string, state: EnrollmentState) {
  return {
    sessionCode,
    status: state.status,
    statusLabel: statusLabel(state.status),
    attempt: state.attempt,
    nextStep: nextStep(state),
    pledgeVersion: state.pledgeVersion,
    category: state.category,
    basicInfo: state.basicInfo,
    employment: state.employment,
    qualifications: state.qualifications,
    certificates: state.certificates,
    /** Saved with 保存 but incomplete: their step is still to do (nextStep). */
    qualificationsDraft: state.qualificationsDraft,
    certificatesDraft: state.certificatesDraft,
    site: state.site,
    seatSiteCode: state.seatSiteCode,
    decision: currentDecision(state),
    ticket: currentTicket(state),
  };
}

/**
 * What the candidate's API answers: the decision's outcome and reason, without the staff member's
 * account name (half of a staff credential) that staff see.
 */
export function enrollmentViewForCandidate(sessionCode: string, state: EnrollmentState) {
  const view = enrollmentView(sessionCode, state);
  const decision = view.decision && { outcome: view.decision.outcome, reason: view.decision.reason };
  return { ...view, decision };
}

/** A row of the candidate's own list, without who decided it (see enrollmentViewForCandidate). */
export function candidateRow(row: EnrollmentRow) {
  const { state: _state, seatSite: _seatSite, decidedBy: _decidedBy, ...shown } = currentRow(row);
  return shown;
}

/**
 * What staff APIs answer: the enrollment without the candidate's unsent (draft) selections, and
 * whether a rejected candidate's changes await their resubmission (approval waits for it too).
 */
export function enrollmentViewForStaff(sessionCode: string, state: EnrollmentState) {
  const {
    qualificationsDraft: _qualifications,
    certificatesDraft: _certificates,
    ...view
  } = enrollmentView(sessionCode, state);
  return { ...view, awaitingResubmission: awaitingResubmission(state) };
}
