import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../infrastructure/http/http-types';
import { commandContext } from '../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../infrastructure/http/principal';
import { Roles } from '../infrastructure/http/roles.decorator';
import { SessionStore } from '../accounts/sessions/session.store';
import { formBody, renderRefusal } from '../accounts/web/form-page';
import { StaffAccountService } from './staff-account.service';

const VIEW = 'accounts/staff-security';

/** 安全设置 of staff, auditors and admins: change the password. */
@ApiExcludeController()
@Controller('staff/security')
export class StaffSecurityPageController {
  constructor(
    private readonly staff: StaffAccountService,
    private readonly sessions: SessionStore,
  ) {}

  @Get()
  @Roles('staff', 'auditor', 'admin')
  show(@Query('saved') saved: unknown, @Res() res: Response): void {
    res.render(VIEW, { title: '安全设置', notice: saved ? '密码已修改。' : undefined, values: {} });
  }

  @Post()
  @Roles('staff', 'auditor', 'admin')
  async change(@Req() req: RequestWithPrincipal, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const principal = req.principal as Principal;
    const form = formBody(body);
    try {
      await this.staff.changePassword(
        principal.username,
        {
          currentPassword: form.currentPassword ?? '',
          newPassword: form.newPassword ?? '',
          confirmPassword: form.confirmPassword ?? '',
        },
        commandContext(req),
      );
      await this.sessions.endAllOf(principal.id, principal.sessionId);
      res.redirect('/staff/security?saved=1', 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, { title: '安全设置', values: {} });
    }
  }
}
