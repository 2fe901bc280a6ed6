import { createHmac } from 'node:crypto';
import { oneTimeCodeAsTyped } from '../../shared/one-time-code';

/**
 * The keyed hash of a 注册码: staff freed an identity for the person they checked (registerAnew) and
 * gave them the code. Bound to that identity stream, so it opens no other; only the hash is stored.
 */
export function registrationCodeHash(key: string, identityStream: string, code: string): string {
  const normalized = oneTimeCodeAsTyped(code);
  return createHmac('sha256', key).update(`registration-code:${identityStream}:${normalized}`).digest('base64url');
}
