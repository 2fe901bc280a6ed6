import type { DomainEvent } from '../shared/messages';
import type { IdType } from './validation/id-number.rules';

/** Events of the `candidate-<candidateId>` stream written by the accounts slice. */
export type CandidateRegistered = DomainEvent<
  'CandidateRegistered',
  {
    candidateId: string;
    username: string;
    realName: string;
    gender: 'M' | 'F';
    birthDate: string;
    idType: IdType;
    idNumber: string;
    identityStream: string;
    nationality: string;
    mobile: string;
    email: string;
    securityQuestion: string;
    securityAnswerHash: string;
    passwordHash: string;
    registeredAt: string;
  }
>;
export type PasswordChanged = DomainEvent<'PasswordChanged', { passwordHash: string; changedAt: string }>;
export type SecurityQuestionChanged = DomainEvent<
  'SecurityQuestionChanged',
  { securityQuestion: string; securityAnswerHash: string; changedAt: string }
>;
/** 找回密码 by the security question; shown to the candidate at the next login (ASVS V6.4.2). */
export type PasswordRecovered = DomainEvent<
  'PasswordRecovered',
  { recoveryId: string; passwordHash: string; recoveredAt: string; ip: string | null }
>;
export type RecoveryNoticeShown = DomainEvent<'RecoveryNoticeShown', { recoveryIds: string[]; shownAt: string }>;

/** Staff decisions (staff slice, contested identities): a suspended account cannot log in. */
export type AccountSuspended = DomainEvent<
  'AccountSuspended',
  {
    decisionId: string;
    reason: string;
    staff: { id: string; username: string };
    caseStream: string | null;
    suspendedAt: string;
    /**
     * A 暂停 while the case is examined, which the case's dismissal lifts; false for a hand-over's
     * or a freed identity's suspension, which only the new owner's code ends. Absent in events
     * written by earlier versions: read as true, as they were then.
     */
    liftedByDismissal?: boolean;
  }
>;
export type AccountReinstated = DomainEvent<
  'AccountReinstated',
  { decisionId: string; reason: string; staff: { id: string; username: string } | null; reinstatedAt: string }
>;

export type AccountEvent =
  | CandidateRegistered
  | PasswordChanged
  | SecurityQuestionChanged
  | PasswordRecovered
  | RecoveryNoticeShown
  | AccountSuspended
  | AccountReinstated;

export const ACCOUNT_EVENT_TYPES = [
  'CandidateRegistered',
  'PasswordChanged',
  'SecurityQuestionChanged',
  'PasswordRecovered',
  'RecoveryNoticeShown',
  'AccountSuspended',
  'AccountReinstated',
] as const satisfies ReadonlyArray<AccountEvent['type']>;
