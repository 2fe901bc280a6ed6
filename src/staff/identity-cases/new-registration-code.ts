import { registrationCodeHash } from '../../accounts/identity/registration-code';
import { newResetCode, RESET_CODE_TTL_MS } from '../reset-codes/reset-code';

/** A fresh 注册码: `shown` once to the staff member, `stored` (its keyed hash) on the identity stream. */
export function newRegistrationCode(identityKey: string, identityStream: string, now: Date) {
  const code = newResetCode();
  const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS).toISOString();
  const codeHash = registrationCodeHash(identityKey, identityStream, code);
  return { shown: { code, expiresAt }, stored: { codeHash, expiresAt } };
}
