import { createHash } from 'node:crypto';

/**
 * A short digest of what a form showed (a profile section, the session windows, a category's
 * requirements): sent back with the form, it tells whether that changed since (another tab, another admin).
 */
export function shownVersion(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 16);
}
