import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { ValidationError } from '../../shared/errors';
import { AuditAccessLog } from '../access/audit-access-log';
import { AsOfService } from '../as-of/as-of.service';
import { historyToCsv } from '../export/history-csv';
import { CandidateHistoryService, MAX_PAGE_SIZE } from '../history/candidate-history.service';
import { CandidateLocator } from '../history/candidate-locator';
import { AuditVerifyService } from '../verify/audit-verify.service';
import { parseInstant, parseKinds, parsePositiveInt } from './audit-query';

/**
 * Auditors: a candidate's complete history, its state at any instant, exports, and log verification.
 * Every look-up of a candidate is recorded (AuditAccessLog) before it is answered.
 */
@ApiTags('audit')
@ApiCookieAuth()
@Roles('auditor')
@Controller('api/audit')
export class AuditApiController {
  constructor(
    private readonly history: CandidateHistoryService,
    private readonly asOf: AsOfService,
    private readonly verifier: AuditVerifyService,
    private readonly locator: CandidateLocator,
    private readonly access: AuditAccessLog,
  ) {}

  @Get('candidates/:ref/history')
  @ApiOperation({ summary: 'History across every stream of a candidate (username, candidate id or ID number)' })
  @ApiQuery({ name: 'kind', required: false, description: 'account,username,identity,login,enrollment,seat,staff' })
  @ApiQuery({ name: 'page', required: false })
  @ApiQuery({ name: 'pageSize', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  async candidateHistory(@Param('ref') ref: string, @Query() query: Record<string, unknown>, @Req() req: Request) {
    const kinds = parseKinds(query.kind);
    const terms = {
      kinds,
      page: parsePositiveInt(query.page, 1),
      pageSize: parsePositiveInt(query.pageSize, 50),
      asOf: query.asOf === undefined ? undefined : parseInstant(query.asOf, 'asOf'),
    };
    const candidateId = await this.locator.resolve(ref);
    await this.access.record(
      candidateId,
      'history',
      { kinds: kinds ?? [], page: terms.page, ...(terms.asOf ? { asOf: terms.asOf.toISOString() } : {}) },
      commandContext(req),
    );
    return this.history.history(candidateId, { ...terms, withAuditAccess: true });
  }

  @Get('candidates/:ref/as-of')
  @ApiOperation({ summary: 'The candidate view and enrollments at an instant, rebuilt from events, beside today' })
  @ApiQuery({ name: 'at', required: true, example: '2027-03-01T09:30:00+08:00' })
  async candidateAsOf(@Param('ref') ref: string, @Query('at') at: unknown, @Req() req: Request) {
    const instant = parseInstant(at);
    const candidateId = await this.locator.resolve(ref);
    await this.access.record(candidateId, 'asOf', { at: instant.toISOString() }, commandContext(req));
    return this.asOf.compare(candidateId, instant);
  }

  @Get('candidates/:ref/export')
  @ApiOperation({ summary: 'The whole history as a JSON or CSV download' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async exportHistory(
    @Param('ref') ref: string,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
    @Req() req: Request,
  ): Promise<void> {
    const format = query.format ?? 'json';
    if (format !== 'json' && format !== 'csv')
      throw new ValidationError([{ field: 'format', code: 'UNKNOWN_FORMAT', message: '导出格式只能是 json 或 csv' }]);
    const kinds = parseKinds(query.kind);
    const candidateId = await this.locator.resolve(ref);
    await this.access.record(candidateId, 'export', { format, kinds: kinds ?? [] }, commandContext(req));
    const all = await this.exportAll(candidateId, kinds);
    const name = `history-${all.candidateId}.${format}`;
    res.header('Content-Disposition', `attachment; filename="${name}"`);
    if (format === 'csv') res.type('text/csv; charset=utf-8').send(historyToCsv(all.entries));
    else {
      // The export states whether the records it holds were intact when it was made (a handed-over
      // file otherwise says nothing of an event changed in the database).
      const report = await this.verifier.verify({ candidate: candidateId });
      const integrity = {
        intact: report.intact,
        problemCount: report.problemCount,
        firstProblem: report.firstProblem,
        eventsChecked: report.eventsChecked,
      };
      res.type('application/json').send(JSON.stringify({ ...all, integrity }, null, 2));
    }
  }

  @Get('verify')
  @ApiOperation({ summary: 'Prove a stream, a candidate history or the whole log intact; names the first problem' })
  @ApiQuery({ name: 'stream', required: false })
  @ApiQuery({ name: 'candidate', required: false })
  async verify(@Query('stream') stream: unknown, @Query('candidate') candidate: unknown, @Req() req: Request) {
    if (typeof stream === 'string' && stream) return this.verifier.verify({ stream });
    if (typeof candidate === 'string' && candidate) {
      const candidateId = await this.locator.resolve(candidate);
      await this.access.record(candidateId, 'verify', {}, commandContext(req));
      return this.verifier.verify({ candidate: candidateId });
    }
    return this.verifier.verify({ log: true });
  }

  /** Every page of the history in one document (exports are not paged). */
  private async exportAll(ref: string, kinds: ReturnType<typeof parseKinds>) {
    const first = await this.history.history(ref, { kinds, pageSize: MAX_PAGE_SIZE, withAuditAccess: true });
    const entries = [...first.entries];
    for (let page = 2; page <= first.pages; page++)
      entries.push(
        ...(
          await this.history.history(first.candidateId, { kinds, page, pageSize: MAX_PAGE_SIZE, withAuditAccess: true })
        ).entries,
      );
    return {
      candidateId: first.candidateId,
      username: first.username,
      exportedAt: new Date().toISOString(),
      total: first.total,
      entries,
    };
  }
}
