import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { statusLabel } from '../enrollment-status-labels';
import { text, type Form } from '../pages/enrollment-page-helpers';
import { signedIn } from '../signed-in';
import { sessionCodeOf } from './seat-check.api.controller';
import { SeatCheck } from './seat-check.service';
import { StaffDefaultSession } from '../staff-default-session';

/** 座位核对 for staff: the seatless enrollments of their scope, and a button to seat them again. */
@ApiExcludeController()
@Roles('staff', 'admin')
@Controller('staff/seat-check')
export class SeatCheckPageController {
  constructor(
    private readonly check: SeatCheck,
    private readonly defaultSession: StaffDefaultSession,
  ) {}

  /** The session of the form or URL; without one, the session 资格审核 shows by default. */
  private async sessionOf(form: Form): Promise<string> {
    const named = text(form, 'session');
    return named ? sessionCodeOf(named) : this.defaultSession.or(undefined);
  }

  @Get()
  async page(@Req() req: Request, @Query() query: Form, @Res() res: Response) {
    const sessionCode = await this.sessionOf(query);
    const seatless = await this.check.seatless(sessionCode, signedIn(req));
    res.render('staff/review/seat-check', {
      title: '座位核对',
      sessionCode,
      rows: seatless.map((row) => ({ ...row, statusLabel: statusLabel(row.status) })),
      seated: text(query, 'seated'),
      stillSeatless: text(query, 'seatless'),
    });
  }

  @Post()
  async restore(@Req() req: Request, @Body() form: Form, @Res() res: Response) {
    const sessionCode = await this.sessionOf(form);
    const report = await this.check.restore(sessionCode, signedIn(req), commandContext(req));
    const params = new URLSearchParams({
      session: sessionCode,
      seated: String(report.seated),
      seatless: String(report.seatless),
    });
    res.redirect(`/staff/seat-check?${params}`, 303);
  }
}
