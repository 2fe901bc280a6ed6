import type { DomainEvent } from '../../shared/messages';

/** Events of `username-<normalized>`: the reservation that makes usernames unique. */
export type UsernameReserved = DomainEvent<
  'UsernameReserved',
  { username: string; candidateId: string; identityStream: string; reservedAt: string }
>;
/** The candidate stream exists: the reservation is final. */
export type UsernameConfirmed = DomainEvent<'UsernameConfirmed', { candidateId: string }>;
/** The registration that reserved it failed (e.g. its identity was taken): the name is free again. */
export type UsernameReleased = DomainEvent<'UsernameReleased', { candidateId: string; reason: string }>;
/** A reservation whose registration never completed, taken over after the timeout (self-healing). */
export type UsernameReservationExpired = DomainEvent<'UsernameReservationExpired', { candidateId: string }>;
/** Someone tried to register a name already held by another account. */
export type UsernameRequestRefused = DomainEvent<
  'UsernameRequestRefused',
  { usernameTyped: string; realName: string; attemptedAt: string; ip: string | null }
>;

export type UsernameEvent =
  UsernameReserved | UsernameConfirmed | UsernameReleased | UsernameReservationExpired | UsernameRequestRefused;

export const USERNAME_EVENT_TYPES = [
  'UsernameReserved',
  'UsernameConfirmed',
  'UsernameReleased',
  'UsernameReservationExpired',
  'UsernameRequestRefused',
] as const satisfies ReadonlyArray<UsernameEvent['type']>;

/** Usernames are unique case-insensitively: the stream is keyed by this form. */
export function normalizeUsername(username: string): string {
  return username.trim().normalize('NFKC').toLowerCase();
}
