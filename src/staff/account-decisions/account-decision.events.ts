import type { DomainEvent } from '../../shared/messages';
import type { StaffRef } from '../identity-cases/identity-case.events';

/** A one-time reset code given on site after an identity check; only its keyed hash is stored. */
export type ResetCodeIssued = DomainEvent<
  'ResetCodeIssued',
  {
    decisionId: string;
    codeId: string;
    codeHash: string;
    expiresAt: string;
    reason: string;
    staff: StaffRef;
    issuedAt: string;
    /**
     * The hand-over decision this code completes (its first code and any issued again for it).
     * Absent for a forgotten password's code, and on codes issued before it was recorded.
     */
    handOverId?: string;
  }
>;
export type ResetCodeRedeemed = DomainEvent<
  'ResetCodeRedeemed',
  { codeId: string; redeemedAt: string; ip: string | null }
>;
/** A wrong or expired code typed for this account; enough of them void the code. */
export type ResetCodeRefused = DomainEvent<'ResetCodeRefused', { at: string; ip: string | null }>;
/** Something staff decided that the candidate must be told at their next login. */
export type CandidateNoticeIssued = DomainEvent<
  'CandidateNoticeIssued',
  { noticeId: string; decisionId: string; message: string; issuedAt: string }
>;
export type CandidateNoticesShown = DomainEvent<'CandidateNoticesShown', { noticeIds: string[]; shownAt: string }>;

export type AccountDecisionEvent =
  ResetCodeIssued | ResetCodeRedeemed | ResetCodeRefused | CandidateNoticeIssued | CandidateNoticesShown;

export const ACCOUNT_DECISION_EVENT_TYPES = [
  'ResetCodeIssued',
  'ResetCodeRedeemed',
  'ResetCodeRefused',
  'CandidateNoticeIssued',
  'CandidateNoticesShown',
] as const satisfies ReadonlyArray<AccountDecisionEvent['type']>;
