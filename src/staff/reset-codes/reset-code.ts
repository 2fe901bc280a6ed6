import { createHmac, randomInt } from 'node:crypto';
import { oneTimeCodeAsTyped } from '../../shared/one-time-code';

/** No 0/O, 1/I/L: read aloud or copied from paper without mistakes. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 10;
/** How long an on-site reset code stays usable. */
export const RESET_CODE_TTL_MS = 72 * 60 * 60 * 1000;

/** A fresh code, shown once to the staff member (about 50 bits; five wrong tries void it). */
export function newResetCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Only this keyed hash is stored; it binds the code to one account. */
export function resetCodeHash(key: string, candidateId: string, code: string): string {
  const normalized = oneTimeCodeAsTyped(code);
  return createHmac('sha256', key).update(`reset-code:${candidateId}:${normalized}`).digest('base64url');
}
