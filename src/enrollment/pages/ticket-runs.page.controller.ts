import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import { CatalogQueries } from '../../catalog/catalog-queries';
import { placeNamesOf, scopeText } from '../../catalog/catalog-place-names';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';
import { signedIn } from '../signed-in';
import { TicketBatchRuns } from '../tickets/ticket-batch-runs.service';
import { TICKET_RUN_NOT_FOUND } from '../tickets/ticket-runs.api.controller';
import { PHASE_LABELS, SKIPPED_SHOWN, STATUS_LABELS, type TicketRunView } from '../tickets/ticket-run';

/** A small batch is shown done at once; a longer one is followed on its own page. */
const WAIT_BEFORE_REDIRECT_MS = 2_000;

/** 发放准考证号 from 资格审核: the batch runs in the background, its page follows it. */
@ApiExcludeController()
@Roles('staff', 'admin')
@Controller('staff/review/:session/tickets')
export class TicketRunsPageController {
  constructor(
    private readonly runs: TicketBatchRuns,
    private readonly catalogs: CatalogQueries,
  ) {}

  @Post('issue')
  async issue(@Req() req: Request, @Param('session', ScheduledSessionPipe) session: string, @Res() res: Response) {
    const { run, finished } = await this.runs.start(session, signedIn(req), commandContext(req));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, WAIT_BEFORE_REDIRECT_MS)))]);
    clearTimeout(timer);
    res.redirect(`/staff/review/${encodeURIComponent(session)}/tickets/runs/${run.runId}`, 303);
  }

  @Get('runs/:run')
  async follow(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('run') runId: string,
    @Res() res: Response,
  ) {
    const run = await this.runs.find(runId, signedIn(req), new Date());
    if (!run || run.sessionCode !== session) throw TICKET_RUN_NOT_FOUND();
    const places = placeNamesOf(await this.catalogs.listSessions());
    res.render('staff/review/tickets', {
      title: '发放准考证号',
      sessionCode: session,
      ...ticketRunLocals(run),
      scopeLabel: scopeText(run.scope ?? undefined, places),
    });
  }
}

export function ticketRunLocals(run: TicketRunView): Record<string, unknown> {
  return {
    run,
    running: run.status === 'running',
    statusLabel: STATUS_LABELS[run.status],
    announcement: announcementOf(run),
    phaseLabel: PHASE_LABELS[run.phase],
    startedAt: formatBeijingTime(run.startedAt),
    finishedAt: run.finishedAt ? formatBeijingTime(run.finishedAt) : null,
    skippedMore: run.skippedCount > SKIPPED_SHOWN,
    canRunAgain: run.status === 'interrupted' || run.status === 'failed',
    // What staff can do about numbers run out: the run page says it beside the list.
    sequenceExhausted: run.skipped.some((skipped) => skipped.code === 'TICKET_SEQUENCE_EXHAUSTED'),
  };
}

/** What a screen reader says when the run's status or phase changes (not at every count). */
function announcementOf(run: TicketRunView): string {
  if (run.status === 'running') return `${STATUS_LABELS.running}：${PHASE_LABELS[run.phase]}`;
  const outcome = `${STATUS_LABELS[run.status]}：本次新分配准考证号 ${run.allocated} 个，记入报名 ${run.issued} 条`;
  if (run.status === 'done') return outcome;
  return `${outcome}${run.error ? `；${run.error.message}` : ''}；可再次发放准考证号完成其余报名`;
}
