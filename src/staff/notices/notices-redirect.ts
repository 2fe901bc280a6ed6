import { Injectable } from '@nestjs/common';
import { isApiRequest, isOperationalPath } from '../../infrastructure/http/api-request';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { CandidateNoticesService } from './candidate-notices.service';

const CHECKED_LIMIT = 50_000;

/**
 * At the first page a candidate opens in a session (right after login), pending staff notices
 * are shown first: the page redirects to /notices, which tells them once and then continues.
 * Each session is checked once per process, so ordinary browsing costs nothing.
 */
@Injectable()
export class NoticesRedirect {
  private readonly checked = new Set<string>();

  constructor(private readonly notices: CandidateNoticesService) {}

  /** Whether the request may need the redirect: a candidate's first page view of the session in this process. */
  applies(req: Request): boolean {
    const principal = req.principal;
    return (
      principal?.role === 'candidate' &&
      req.method === 'GET' &&
      !isApiRequest(req) &&
      !isOperationalPath(req.path) &&
      req.path !== '/notices' &&
      !this.checked.has(principal.sessionId)
    );
  }

  /** Redirects to /notices when the candidate has pending notices; returns the reply when it did. */
  async use(req: Request, res: Response): Promise<Response | undefined> {
    const principal = req.principal;
    if (!principal || !this.applies(req)) return undefined;
    if (this.checked.size >= CHECKED_LIMIT) this.checked.clear();
    const pending = await this.notices.pending(principal.id);
    if (pending.length === 0) {
      this.checked.add(principal.sessionId);
      return undefined;
    }
    return res.redirect(`/notices?next=${encodeURIComponent(req.originalUrl)}`, 303);
  }
}
