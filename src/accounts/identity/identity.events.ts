import type { DomainEvent } from '../../shared/messages';

/**
 * Events of `identity-<idType>-<HMAC of the number>`: one account per identity document, and the log
 * staff read to resolve "someone else registered with my ID" (guide 注意 4).
 */
export type IdentityClaimed = DomainEvent<
  'IdentityClaimed',
  { candidateId: string; username: string; realName: string; claimedAt: string }
>;
export type IdentityClaimConfirmed = DomainEvent<'IdentityClaimConfirmed', { candidateId: string }>;
export type IdentityClaimReleased = DomainEvent<'IdentityClaimReleased', { candidateId: string; reason: string }>;
export type IdentityClaimExpired = DomainEvent<'IdentityClaimExpired', { candidateId: string }>;
export type DuplicateRegistrationAttempted = DomainEvent<
  'DuplicateRegistrationAttempted',
  {
    attemptedAt: string;
    ip: string | null;
    realNameTyped: string;
    usernameTyped: string;
    holderCandidateId: string;
    holderUsername: string;
  }
>;

/**
 * Staff decision (staff slice) after checking documents in person: 'registerAnew' frees the identity
 * so the person present registers; 'handOver' keeps the account, given to them by a reset code.
 */
export type IdentityReassigned = DomainEvent<
  'IdentityReassigned',
  {
    decisionId: string;
    fromCandidateId: string;
    fromUsername: string;
    mode: 'registerAnew' | 'handOver';
    /**
     * registerAnew: the freed identity is kept for the person staff checked — registering with it
     * takes the one-time 注册码 given to them (only its keyed hash is here) until it expires.
     * Absent on decisions made before it existed: those freed the identity for anyone.
     */
    reservation?: { codeHash: string; expiresAt: string };
    reason: string;
    staff: { id: string; username: string };
    decidedAt: string;
  }
>;

/**
 * Staff issued the 注册码 of a freed identity again (the first was lost, e.g. shown to a double
 * click only): the new code's keyed hash and expiry replace the old, which stops working.
 */
export type RegistrationCodeReissued = DomainEvent<
  'RegistrationCodeReissued',
  {
    decisionId: string;
    reservation: { codeHash: string; expiresAt: string };
    reason: string;
    staff: { id: string; username: string };
    decidedAt: string;
  }
>;

/** A wrong 注册码 typed for this reserved identity; enough of them void the code until staff issue another. */
export type RegistrationCodeRefused = DomainEvent<'RegistrationCodeRefused', { at: string; ip: string | null }>;

export type IdentityEvent =
  | IdentityReassigned
  | RegistrationCodeReissued
  | RegistrationCodeRefused
  | IdentityClaimed
  | IdentityClaimConfirmed
  | IdentityClaimReleased
  | IdentityClaimExpired
  | DuplicateRegistrationAttempted;

export const IDENTITY_EVENT_TYPES = [
  'IdentityClaimed',
  'IdentityClaimConfirmed',
  'IdentityClaimReleased',
  'IdentityClaimExpired',
  'DuplicateRegistrationAttempted',
  'IdentityReassigned',
  'RegistrationCodeReissued',
  'RegistrationCodeRefused',
] as const satisfies ReadonlyArray<IdentityEvent['type']>;
