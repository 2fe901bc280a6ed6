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

/**
 * Why a page sends the visitor to sign in, said on the login page: a form posted without a live
 * session (what was typed is lost), or a session cookie the store no longer knows (idle timeout,
 * signed out elsewhere). Only this flag travels in the URL, never what was typed.
 */
export type SignInReason = 'form' | 'lapsed';

export function loginPathFor(originalUrl: string, reason?: SignInReason): string {
  const flag = reason ? `&expired=${reason}` : '';
  return `/login?next=${encodeURIComponent(safeNextPath(originalUrl))}${flag}`;
}

/** The login page's notice for `expired`; undefined for any other value. */
export function signInReasonNotice(expired: unknown): string | undefined {
  if (expired === 'form') return '登录已超时，刚才提交的内容未能保存，请重新登录后再填写。';
  if (expired === 'lapsed') return '登录已失效（长时间未操作会自动退出，也可能已在别处退出），请重新登录。';
  return undefined;
}

/**
 * Where to come back to after signing in from a form posted without a live session: the page the
 * form was on (the Referer, if it is this site's), since the path posted to may have no page of its
 * own (/profile/photo, /enrollment/<s>/start); else the path posted to.
 */
export function formPageOf(referer: string | undefined, host: string | undefined, postedPath: string): string {
  if (referer && host) {
    try {
      const from = new URL(referer);
      if (from.host === host) return from.pathname + from.search;
    } catch {
      // Not a URL: fall back to the path posted to.
    }
  }
  return postedPath;
}
