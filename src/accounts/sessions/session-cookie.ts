import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Request } from '../../infrastructure/http/http-types';
import { SESSION_ABSOLUTE_MS } from './session.store';

export const SESSION_COOKIE = 'sid';

/**
 * httpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure whenever the
 * request came over TLS — directly or, with TRUST_PROXY, as X-Forwarded-Proto says.
 */
export function sessionCookieOptions(req: Request): CookieSerializeOptions {
  // maxAge is in seconds here (Express took milliseconds).
  return {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  };
}

export function clearSessionCookieOptions(req: Request): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.protocol === 'https', path: '/' };
}
