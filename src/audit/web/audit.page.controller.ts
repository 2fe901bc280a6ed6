import { beijingMinute } from '../../accounts/web/form-page';
import { eventLabel } from '../history/event-labels';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { parseInstant, parseKinds } from '../api/audit-query';
import { AsOfService } from '../as-of/as-of.service';
import { CandidateHistoryService } from '../history/candidate-history.service';
import { HISTORY_KINDS, KIND_LABELS } from '../history/history-entry';
import { asOfPageView } from './as-of-page-view';

/** 审计: find a candidate, read their whole history (filter, pages), and rebuild a past state. */
@ApiExcludeController()
@Controller('audit')
@Roles('auditor')
export class AuditPageController {
  constructor(
    private readonly history: CandidateHistoryService,
    private readonly asOf: AsOfService,
  ) {}

  @Get()
  search(@Res() res: Response): void {
    res.render('audit/search', { title: '考生历史审计', values: {} });
  }

  @Get('candidates')
  find(@Query('ref') ref: unknown, @Res() res: Response): void {
    const text = typeof ref === 'string' ? ref.trim() : '';
    if (!text) {
      res.status(400).render('audit/search', {
        title: '考生历史审计',
        values: {},
        errorMessage: '请输入用户名、考生编号或证件号码',
      });
      return;
    }
    res.redirect(`/audit/candidates/${encodeURIComponent(text)}`, 303);
  }

  @Get('candidates/:ref')
  async candidate(@Param('ref') ref: string, @Query() query: Record<string, unknown>, @Res() res: Response) {
    const kinds = parseKinds(query.kind);
    const page = await this.history.history(ref, { kinds, page: Number(query.page) || 1, pageSize: 50 });
    // After a look-up by ID number the page moves to the candidate id, so the number leaves the URL.
    if (ref !== page.candidateId) return res.redirect(`/audit/candidates/${page.candidateId}`, 303);
    const kindQuery = kinds.map((kind) => `&kind=${kind}`).join('');
    const link = (to: number) => `/audit/candidates/${page.candidateId}?page=${to}${kindQuery}`;
    res.render('audit/history', {
      title: `考生 ${page.username} 的历史`,
      page,
      values: {},
      kinds: HISTORY_KINDS.map((value) => ({ value, label: KIND_LABELS[value], checked: kinds.includes(value) })),
      rows: page.entries.map((entry) => ({
        ...entry,
        // Times as the people involved lived them (Beijing); the instant stays in <time datetime>.
        recordedAtText: beijingMinute(entry.recordedAt),
        label: eventLabel(entry.type),
        kindLabel: KIND_LABELS[entry.kind],
        dataText: JSON.stringify(entry.data),
      })),
      previousPage: page.page > 1 ? link(page.page - 1) : null,
      nextPage: page.page < page.pages ? link(page.page + 1) : null,
    });
  }

  @Get('candidates/:ref/as-of')
  async candidateAsOf(@Param('ref') ref: string, @Query('at') at: unknown, @Res() res: Response) {
    const instant = parseInstant(at);
    const comparison = await this.asOf.compare(ref, instant);
    res.render('audit/as-of', asOfPageView(comparison, instant));
  }
}
