import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { SESSION_COOKIE, clearSessionCookieOptions } from './session-cookie';
import { SessionStore } from './session.store';

/** Reads the session cookie and sets `req.principal` (for guards) and `res.locals.principal` (for templates). */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(private readonly sessions: SessionStore) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const token = (req.cookies as Record<string, string | undefined> | undefined)?.[SESSION_COOKIE];
      if (token) {
        const principal = await this.sessions.resolve(token);
        if (principal) {
          (req as RequestWithPrincipal).principal = principal;
          res.locals.principal = principal;
        } else {
          res.clearCookie(SESSION_COOKIE, clearSessionCookieOptions(req));
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  }
}
