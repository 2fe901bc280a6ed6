import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { parseKinds } from '../api/audit-query';
import { readBeijingInstant } from '../api/beijing-instant';
import { AuditAccessLog } from '../access/audit-access-log';
import { AsOfService } from '../as-of/as-of.service';
import { CandidateHistoryService } from '../history/candidate-history.service';
import { CandidateLocator, CandidateNotFoundError } from '../history/candidate-locator';
import { AuditVerifyService } from '../verify/audit-verify.service';
import { asOfPageView } from './as-of-page-view';
import { verifyPageView } from './verify-page-view';
import { candidateNotFound, historyPageView, refRequired, searchPageView } from './history-page-view';

/**
 * 审计: find a candidate, read their whole history (filter, pages), and rebuild a past state. Each
 * history page and past state shown is recorded first (AuditAccessLog); finding alone shows nothing.
 */
@ApiExcludeController()
@Controller('audit')
@Roles('auditor')
export class AuditPageController {
  constructor(
    private readonly locator: CandidateLocator,
    private readonly history: CandidateHistoryService,
    private readonly asOf: AsOfService,
    private readonly access: AuditAccessLog,
    private readonly verifier: AuditVerifyService,
  ) {}

  @Get()
  search(@Res() res: Response): void {
    res.render('audit/search', searchPageView());
  }

  /** Resolved here, so an unknown reference comes back to the box it was typed in, not to a 404 page. */
  @Get('candidates')
  async find(@Query('ref') ref: unknown, @Res() res: Response): Promise<void> {
    const text = typeof ref === 'string' ? ref.trim() : '';
    if (!text) return res.status(400).render('audit/search', searchPageView('', refRequired()));
    const candidateId = await this.orNotFound(res, text, () => this.locator.resolve(text));
    // Straight to the candidate id: an ID number typed leaves the address bar at once.
    if (candidateId) res.redirect(`/audit/candidates/${candidateId}`, 303);
  }

  @Get('candidates/:ref')
  async candidate(
    @Param('ref') ref: string,
    @Query() query: Record<string, unknown>,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const kinds = parseKinds(query.kind);
    const candidateId = await this.orNotFound(res, ref, () => this.locator.resolve(ref));
    if (!candidateId) return;
    // After a look-up by ID number the page moves to the candidate id, so the number leaves the URL.
    if (ref !== candidateId) return res.redirect(`/audit/candidates/${candidateId}`, 303);
    const pageNumber = Number(query.page) || 1;
    await this.access.record(candidateId, 'history', { kinds: kinds ?? [], page: pageNumber }, commandContext(req));
    const page = await this.history.history(candidateId, {
      kinds,
      page: pageNumber,
      pageSize: 50,
      withAuditAccess: true,
    });
    // Its hash chains checked as it is read (the candidate's streams only, not every digest of the
    // log, which grows all season), so a changed row is flagged here; a cut tail takes 校验完整性.
    const integrity = await this.verifier.verify({ candidate: candidateId, chainsOnly: true });
    res.render('audit/history', historyPageView(page, kinds, undefined, integrity));
  }

  /** A time that cannot be read (or none) comes back to the history page, beside the box, as typed. */
  @Get('candidates/:ref/as-of')
  async candidateAsOf(@Param('ref') ref: string, @Query('at') at: unknown, @Req() req: Request, @Res() res: Response) {
    const typed = typeof at === 'string' ? at : '';
    const read = readBeijingInstant(typed, new Date(), { wholeSecond: true });
    const candidateId = await this.orNotFound(res, ref, () => this.locator.resolve(ref));
    if (!candidateId) return;
    if (!read.ok) {
      // The history page comes back, so it is recorded as the history page shown.
      await this.access.record(candidateId, 'history', { kinds: [], page: 1 }, commandContext(req));
      const page = await this.history.history(candidateId, { pageSize: 50, withAuditAccess: true });
      const errors = [{ field: 'at', code: read.code, message: read.message }];
      const integrity = await this.verifier.verify({ candidate: candidateId, chainsOnly: true });
      res.status(400).render('audit/history', historyPageView(page, [], { at: typed, errors }, integrity));
      return;
    }
    await this.access.record(candidateId, 'asOf', { at: read.instant.toISOString() }, commandContext(req));
    const comparison = await this.orNotFound(res, candidateId, () => this.asOf.compare(candidateId, read.instant));
    if (!comparison) return;
    const integrity = await this.verifier.verify({ candidate: candidateId, chainsOnly: true });
    res.render('audit/as-of', asOfPageView(comparison, read.instant, integrity));
  }

  /** The whole log's verification, in words: intact, or the first problems and where they are. */
  @Get('verify')
  async verifyLog(@Res() res: Response): Promise<void> {
    res.render('audit/verify', verifyPageView(await this.verifier.verify({ log: true })));
  }

  /** A candidate's records verified (a look-up of the candidate, so recorded first). */
  @Get('candidates/:ref/verify')
  async verifyCandidate(@Param('ref') ref: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const candidateId = await this.orNotFound(res, ref, () => this.locator.resolve(ref));
    if (!candidateId) return;
    if (ref !== candidateId) return res.redirect(`/audit/candidates/${candidateId}/verify`, 303);
    await this.access.record(candidateId, 'verify', {}, commandContext(req));
    const { username } = await this.locator.streams(candidateId);
    const report = await this.verifier.verify({ candidate: candidateId });
    res.render('audit/verify', verifyPageView(report, { candidateId, username }));
  }

  /** The look-up page again, naming what was typed, when it finds no candidate (null then). */
  private async orNotFound<T>(res: Response, ref: string, find: () => Promise<T>): Promise<T | null> {
    try {
      return await find();
    } catch (error) {
      if (!(error instanceof CandidateNotFoundError)) throw error;
      res.status(404).render('audit/search', searchPageView(ref, candidateNotFound(ref)));
      return null;
    }
  }
}
