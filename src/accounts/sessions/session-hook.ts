import { Injectable } from '@nestjs/common';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { SESSION_COOKIE, clearSessionCookieOptions } from './session-cookie';
import { SessionStore } from './session.store';

/**
 * Reads the session cookie and sets `req.principal` (for guards) and `res.locals.principal` (for
 * templates). Runs as a hook on every request, before the handler and its guards.
 */
@Injectable()
export class SessionHook {
  constructor(private readonly sessions: SessionStore) {}

  /** Whether the request carries a session cookie at all (most static and public requests do not). */
  holdsSession(req: Request): boolean {
    return Boolean(req.cookies[SESSION_COOKIE]);
  }

  async use(req: Request, res: Response): Promise<void> {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const principal = await this.sessions.resolve(token);
    if (principal) {
      req.principal = principal;
      res.locals.principal = principal;
    } else {
      req.sessionLapsed = true;
      res.clearCookie(SESSION_COOKIE, clearSessionCookieOptions(req));
    }
  }
}
