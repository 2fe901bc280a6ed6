import { isCommonPassword } from '../accounts/security/common-passwords';
import { validatePassword } from '../accounts/validation/password.rules';

/** Passwords that ship in examples and must never guard a production admin. */
const DEFAULT_PASSWORDS = [
  'admin',
  'admin123',
  'admin1234',
  'administrator',
  'changeme',
  'change-me',
  'password',
  'secret',
];
const PRODUCTION_MIN_LENGTH = 12;

/**
 * Why the configured admin password may not be used in production, or null. Checked with the
 * rest of the environment (config/app-config.ts), so the start lists it beside every other problem.
 */
export function weakAdminPasswordReason(username: string, password: string): string | null {
  const lowered = password.toLowerCase();
  if (DEFAULT_PASSWORDS.some((weak) => lowered.includes(weak))) return 'is a default password';
  if (Array.from(password).length < PRODUCTION_MIN_LENGTH) return `is shorter than ${PRODUCTION_MIN_LENGTH} characters`;
  const rule = validatePassword(password, { username, isCommonPassword });
  return rule ? `is refused (${rule.code})` : null;
}
