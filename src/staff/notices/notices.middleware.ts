import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { isApiRequest, isOperationalPath } from '../../infrastructure/http/api-request';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { CandidateNoticesService } from './candidate-notices.service';

const CHECKED_LIMIT = 50_000;

/**
 * At the first page a candidate opens in a session (right after login), pending staff notices
 * are shown first: the page redirects to /notices, which tells them once and then continues.
 * Each session is checked once per process, so ordinary browsing costs nothing.
 */
@Injectable()
export class NoticesMiddleware implements NestMiddleware {
  private readonly checked = new Set<string>();

  constructor(private readonly notices: CandidateNoticesService) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const principal = (req as RequestWithPrincipal).principal;
      if (
        principal?.role !== 'candidate' ||
        req.method !== 'GET' ||
        isApiRequest(req) ||
        isOperationalPath(req.path) ||
        req.path === '/notices' ||
        this.checked.has(principal.sessionId)
      )
        return next();
      if (this.checked.size >= CHECKED_LIMIT) this.checked.clear();
      const pending = await this.notices.pending(principal.id);
      if (pending.length === 0) {
        this.checked.add(principal.sessionId);
        return next();
      }
      res.redirect(303, `/notices?next=${encodeURIComponent(req.originalUrl)}`);
    } catch (error) {
      next(error);
    }
  }
}
