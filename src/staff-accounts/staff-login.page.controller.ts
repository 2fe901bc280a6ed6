import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../infrastructure/http/http-types';
import { commandContext } from '../infrastructure/http/command-context';
import { safeNextPath, signInReasonNotice } from '../infrastructure/http/next-path';
import type { RequestWithPrincipal } from '../infrastructure/http/principal';
import { Public } from '../infrastructure/http/roles.decorator';
import { CaptchaService } from '../accounts/captcha/captcha.service';
import { LoginService } from '../accounts/login/login.service';
import { SESSION_COOKIE, sessionCookieOptions } from '../accounts/sessions/session-cookie';
import { formBody, renderRefusal, safeValues } from '../accounts/web/form-page';
import { StaffAccountService } from './staff-account.service';

const VIEW = 'accounts/login';
/** Where each role's work is (the first entry of its menu), when no `next` says otherwise. */
const HOME: Record<string, string> = { admin: '/admin/staff', staff: '/staff/review', auditor: '/audit' };

/** 工作人员登录: staff, auditors and admins sign in on their own page, with the same captcha and lockout. */
@ApiExcludeController()
@Controller('staff/login')
export class StaffLoginPageController {
  constructor(
    private readonly login: LoginService,
    private readonly staff: StaffAccountService,
    private readonly captchas: CaptchaService,
  ) {}

  private async locals(values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return {
      title: '工作人员登录',
      heading: '工作人员登录',
      action: '/staff/login',
      candidate: false,
      captcha: await this.captchas.issue(),
      values,
      ...extra,
    };
  }

  @Get()
  @Public()
  async show(
    @Query('next') next: unknown,
    @Query('loggedOut') loggedOut: unknown,
    @Query('expired') expired: unknown,
    @Res() res: Response,
  ): Promise<void> {
    const notice = loggedOut ? '您已安全退出。' : signInReasonNotice(expired);
    res.render(VIEW, await this.locals({ next: safeNextPath(next, '') }, { notice }));
  }

  @Post()
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    try {
      const { token, account } = await this.login.login(
        {
          username: form.username ?? '',
          password: form.password ?? '',
          captchaId: form.captchaId,
          captcha: form.captcha,
          previousSessionId: (req as RequestWithPrincipal).principal?.sessionId,
        },
        (username) => this.staff.loginAccount(username),
        commandContext(req),
      );
      res.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req));
      res.redirect(safeNextPath(form.next, HOME[account.role] ?? '/'), 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, await this.locals(safeValues(form)));
    }
  }
}
