import type { EnrollmentState } from './enrollment.state';
import { awaitingResubmission, nextStep } from './enrollment.state';
import { STATUS_LABELS } from './enrollment-csv';

/** What the API answers about one enrollment. */
export function enrollmentView(sessionCode: string, state: EnrollmentState) {
  return {
    sessionCode,
    status: state.status,
    statusLabel: STATUS_LABELS[state.status] ?? state.status,
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
    decision: state.decision,
    ticket: state.ticket,
  };
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
