/**
 * Password rules after OWASP ASVS 5.0 V6.2: length only (8 to 128 characters, so 64 and more are
 * allowed), any characters, no composition rules, common passwords refused. The list of common
 * passwords is injected (the server holds 49k entries; the browser checks length only).
 * Dependency-free: also served to the browser.
 */
import type { RuleError } from './id-number.rules';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** Counted in code points, as a person counts characters. */
export function characterCount(value: string): number {
  return Array.from(value).length;
}

export interface PasswordContext {
  username?: string;
  isCommonPassword?: (password: string) => boolean;
}

export function validatePassword(password: string, context: PasswordContext, field = 'password'): RuleError | null {
  const length = characterCount(password);
  if (length === 0) return { field, code: 'PASSWORD_REQUIRED', message: '请输入密码' };
  if (length < PASSWORD_MIN_LENGTH)
    return { field, code: 'PASSWORD_TOO_SHORT', message: `密码至少${PASSWORD_MIN_LENGTH}个字符` };
  if (length > PASSWORD_MAX_LENGTH)
    return { field, code: 'PASSWORD_TOO_LONG', message: `密码不能超过${PASSWORD_MAX_LENGTH}个字符` };
  if (context.username && password.toLowerCase() === context.username.toLowerCase())
    return { field, code: 'PASSWORD_IS_USERNAME', message: '密码不能与用户名相同' };
  if (context.isCommonPassword && context.isCommonPassword(password))
    return { field, code: 'PASSWORD_TOO_COMMON', message: '该密码过于常见，容易被猜中，请换一个' };
  return null;
}

export function validatePasswordConfirmation(password: string, confirmation: string): RuleError | null {
  return password === confirmation
    ? null
    : { field: 'confirmPassword', code: 'PASSWORD_CONFIRMATION_MISMATCH', message: '两次输入的密码不一致' };
}
