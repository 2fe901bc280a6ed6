import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { NotFoundError } from '../../shared/errors';
import { NoInputDto } from '../candidate-api/enrollment.dto';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';
import { signedIn } from '../signed-in';
import { TicketBatchRuns } from './ticket-batch-runs.service';

export const TICKET_RUN_NOT_FOUND = () => new NotFoundError('TICKET_RUN_NOT_FOUND', '未找到该次准考证号发放');

/** The ticket batch in the background: start a run, then follow it (`POST …/issue` waits for the whole batch). */
@ApiTags('staff')
@Roles('staff', 'admin')
@Controller('api/staff/tickets')
export class TicketRunsApiController {
  constructor(private readonly runs: TicketBatchRuns) {}

  @Post(':session/runs')
  @HttpCode(202)
  @ApiBody({ type: NoInputDto, required: false })
  @ApiAcceptedResponse({
    description:
      'The run started, or the one of this session and scope already running (`started: false`); follow it at `Location`.',
  })
  async start(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Body() _none: NoInputDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { run, started } = await this.runs.start(session, signedIn(req), commandContext(req));
    res.header('Location', `/api/staff/tickets/runs/${run.runId}`);
    return { ...run, started };
  }

  @Get('runs/:run')
  @ApiOkResponse({ description: 'Its status (running, done, failed, interrupted), phase and counts so far.' })
  async follow(@Req() req: Request, @Param('run') runId: string) {
    const run = await this.runs.find(runId, signedIn(req), new Date());
    if (!run) throw TICKET_RUN_NOT_FOUND();
    return run;
  }
}
