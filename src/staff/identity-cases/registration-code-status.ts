import { identityDecider, MAX_REGISTRATION_CODE_FAILURES } from '../../accounts/identity/identity.decider';
import type { IdentityEvent } from '../../accounts/identity/identity.events';
import { fold } from '../../shared/decider';

export interface RegistrationCodeStatus {
  /** valid: can still be used; expired: past its time; voided: too many wrong codes typed for it. */
  status: 'valid' | 'expired' | 'voided';
  expiresAt: string;
  failures: number;
  maxFailures: number;
}

/**
 * The freed identity's current 注册码 as the registration would find it (null: none stands), so
 * staff see a code voided by wrong tries or expired before the person comes back to the desk.
 */
export function registrationCodeStatus(identityEvents: IdentityEvent[], now: Date): RegistrationCodeStatus | null {
  const reservation = fold(identityDecider, identityEvents).reservation;
  if (!reservation) return null;
  const { expiresAt, failures } = reservation;
  // Expired first: the registration drops an expired reservation whatever its wrong tries, and then
  // anyone may register with the number — what staff must learn.
  const status =
    new Date(expiresAt) <= now ? 'expired' : failures >= MAX_REGISTRATION_CODE_FAILURES ? 'voided' : 'valid';
  return { status, expiresAt, failures, maxFailures: MAX_REGISTRATION_CODE_FAILURES };
}
