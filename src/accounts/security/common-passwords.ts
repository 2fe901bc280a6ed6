import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The 49,233 most common passwords of zxcvbn-ts's list (MIT), compared case-insensitively. Only the
 * entries a policy of 8+ characters could meet matter; shorter ones are refused by length anyway.
 */
let common: Set<string> | undefined;

function list(): Set<string> {
  if (!common) {
    const words = (dictionary as Record<string, string[]>)['passwords-common'] ?? [];
    common = new Set(words.filter((word) => word.length >= 8).map((word) => word.toLowerCase()));
  }
  return common;
}

export function isCommonPassword(password: string): boolean {
  return list().has(password.toLowerCase());
}

export function commonPasswords(): ReadonlySet<string> {
  return list();
}
