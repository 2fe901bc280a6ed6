/**
 * A `next` target is followed after login only if it is a path on this site: `/profile` yes,
 * `//evil.example`, `/\evil.example` and `https://…` no (open-redirect protection).
 */
export function safeNextPath(next: unknown, fallback = '/'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return fallback;
  }
  return /\p{Cc}/u.test(next) ? fallback : (asLocationHeader(next) ?? fallback);
}

/**
 * The path as a Location header may carry it: characters outside ASCII (/profile/你) percent-
 * encoded, escapes already there (%E4%BD%A0) kept. Undefined for a malformed one (a lone surrogate).
 */
function asLocationHeader(path: string): string | undefined {
  try {
    return encodeURI(path).replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  } catch {
    return undefined;
  }
}

export function loginPathFor(originalUrl: string): string {
  return `/login?next=${encodeURIComponent(safeNextPath(originalUrl))}`;
}
