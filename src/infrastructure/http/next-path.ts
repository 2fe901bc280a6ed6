/**
 * A `next` target is followed after login only if it is a path on this site: `/profile` yes,
 * `//evil.example`, `/\evil.example` and `https://…` no (open-redirect protection).
 */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return /\p{Cc}/u.test(next) ? fallback : next;
}

export function loginPathFor(originalUrl: string): string {
  return `/login?next=${encodeURIComponent(safeNextPath(originalUrl))}`;
}
