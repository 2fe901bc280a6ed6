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

export type IdentityEvent =
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
] as const satisfies ReadonlyArray<IdentityEvent['type']>;
