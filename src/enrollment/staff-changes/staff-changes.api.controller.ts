import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { enrollmentViewForStaff } from '../enrollment-view';
import { signedIn } from '../signed-in';
import { StaffChangeSiteDto, StaffWithdrawDto } from './staff-changes.dto';
import { StaffEnrollmentChanges } from './staff-enrollment-changes.service';
import { seenRevisionOf } from '../seen-revision';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';

/** Changes staff make for a candidate (also after the deadlines), within their area or site. */
@ApiTags('staff')
@Roles('staff', 'admin')
@Controller('api/staff/enrollments')
export class StaffChangesApiController {
  constructor(
    private readonly changes: StaffEnrollmentChanges,
    private readonly readYourWrites: EnrollmentReadYourWrites,
  ) {}

  @Post(':session/:candidate/change-site')
  @HttpCode(200)
  async changeSite(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Param('candidate') candidate: string,
    @Body() body: StaffChangeSiteDto,
  ) {
    const result = await this.changes.changeSite(
      session,
      candidate,
      body.siteCode,
      body.note,
      signedIn(req),
      commandContext(req),
      seenRevisionOf(body.revision),
    );
    await this.readYourWrites.waitFor(result.position);
    return enrollmentViewForStaff(session, result.state);
  }

  @Post(':session/:candidate/withdraw')
  @HttpCode(200)
  async withdraw(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Param('candidate') candidate: string,
    @Body() body: StaffWithdrawDto,
  ) {
    const result = await this.changes.withdraw(
      session,
      candidate,
      body.note,
      signedIn(req),
      commandContext(req),
      seenRevisionOf(body.revision),
    );
    await this.readYourWrites.waitFor(result.position);
    return enrollmentViewForStaff(session, result.state);
  }
}
