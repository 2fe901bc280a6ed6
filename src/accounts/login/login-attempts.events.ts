import type { DomainEvent } from '../../shared/messages';

/**
 * Events of `loginAttempts-<candidateId | u<hash of an unknown username>>` and
 * `recoveryAttempts-<identity hash>`: kept apart from the candidate stream so repeated attempts
 * do not flood it; auditors read them.
 */
export type LoginSucceeded = DomainEvent<'LoginSucceeded', { at: string; ip: string | null; sessionRef: string }>;
export type LoginFailed = DomainEvent<
  'LoginFailed',
  { at: string; ip: string | null; reason: 'wrongCredentials' | 'unknownAccount' | 'locked' | 'suspended' }
>;
export type LoginLockedOut = DomainEvent<'LoginLockedOut', { at: string; until: string; failures: number }>;
export type LoggedOut = DomainEvent<'LoggedOut', { at: string; sessionRef: string }>;

export type LoginAttemptEvent = LoginSucceeded | LoginFailed | LoginLockedOut | LoggedOut;

export const LOGIN_ATTEMPT_EVENT_TYPES = [
  'LoginSucceeded',
  'LoginFailed',
  'LoginLockedOut',
  'LoggedOut',
] as const satisfies ReadonlyArray<LoginAttemptEvent['type']>;
