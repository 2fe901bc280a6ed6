import type { CookieOptions, Request } from 'express';
import { SESSION_ABSOLUTE_MS } from './session.store';

export const SESSION_COOKIE = 'sid';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure whenever the
 * request came over TLS — directly or, with TRUST_PROXY, as X-Forwarded-Proto says (req.secure).
 */
export function sessionCookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: SESSION_ABSOLUTE_MS };
}

export function clearSessionCookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' };
}
