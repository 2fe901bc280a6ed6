import type { IdentityReassigned, RegistrationCodeReissued } from '../../accounts/identity/identity.events';
import type { DomainEvent } from '../../shared/messages';

/** Who decided: every staff decision names the staff member (also in the event's metadata actor). */
export interface StaffRef {
  id: string;
  username: string;
}

/** The holding account is suspended while the case is examined further (the case stays open). */
export type IdentityHolderSuspended = DomainEvent<
  'IdentityHolderSuspended',
  { decisionId: string; candidateId: string; username: string; reason: string; staff: StaffRef; decidedAt: string }
>;

/**
 * The attempts were checked and the holder is the rightful person: a suspension this case's 暂停
 * made ends; a hand-over that stands is kept.
 */
export type IdentityCaseDismissed = DomainEvent<
  'IdentityCaseDismissed',
  {
    decisionId: string;
    holderCandidateId: string;
    attemptsReviewed: number;
    reason: string;
    staff: StaffRef;
    decidedAt: string;
  }
>;

/**
 * Staff decisions written to the identity stream (IdentityReassigned and RegistrationCodeReissued are
 * declared by the accounts slice, whose identity decider folds them).
 */
export type IdentityCaseDecision =
  IdentityReassigned | RegistrationCodeReissued | IdentityHolderSuspended | IdentityCaseDismissed;

export const IDENTITY_CASE_EVENT_TYPES = [
  'IdentityHolderSuspended',
  'IdentityCaseDismissed',
] as const satisfies ReadonlyArray<IdentityCaseDecision['type']>;
