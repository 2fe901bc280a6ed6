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

export type AccountEvent =
  CandidateRegistered | PasswordChanged | SecurityQuestionChanged | PasswordRecovered | RecoveryNoticeShown;

export const ACCOUNT_EVENT_TYPES = [
  'CandidateRegistered',
  'PasswordChanged',
  'SecurityQuestionChanged',
  'PasswordRecovered',
  'RecoveryNoticeShown',
] as const satisfies ReadonlyArray<AccountEvent['type']>;
