import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { safeNextPath, signInReasonNotice } from '../../infrastructure/http/next-path';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Public, Roles } from '../../infrastructure/http/roles.decorator';
import { AccountQueries } from '../accounts.queries';
import { CaptchaService } from '../captcha/captcha.service';
import { AccountSecurityService } from '../change-password/account-security.service';
import { clearSessionCookieOptions, SESSION_COOKIE, sessionCookieOptions } from '../sessions/session-cookie';
import { chinaTime, formBody, renderRefusal, safeValues } from '../web/form-page';
import { LoginService } from './login.service';

const VIEW = 'accounts/login';
const STAFF_AREAS = /^\/(admin|staff|audit|review)(\/|$|\?)/;

/** 考生登录: username, password and a fresh 校验码 for every attempt; 找回密码 below. */
@ApiExcludeController()
@Controller()
export class LoginPageController {
  constructor(
    private readonly login: LoginService,
    private readonly accounts: AccountQueries,
    private readonly captchas: CaptchaService,
    private readonly security: AccountSecurityService,
  ) {}

  private async locals(values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return {
      title: '考生登录',
      heading: '考生登录',
      action: '/login',
      candidate: true,
      captcha: await this.captchas.issue(),
      values,
      ...extra,
    };
  }

  @Get('login')
  @Public()
  async show(@Query() query: Record<string, unknown>, @Res() res: Response) {
    // Staff pages send signed-out visitors here (the shell's 401 redirect): they sign in on their own page.
    const next = safeNextPath(query.next, '');
    const lapse = signInReasonNotice(query.expired) ? `&expired=${String(query.expired)}` : '';
    if (STAFF_AREAS.test(next)) return res.redirect(`/staff/login?next=${encodeURIComponent(next)}${lapse}`, 303);
    const registered = typeof query.registered === 'string' ? query.registered : undefined;
    const recovered = typeof query.recovered === 'string' ? query.recovered : undefined;
    const notice = registered
      ? '注册成功，请使用新用户名登录。'
      : recovered
        ? '密码已重置，请使用新密码登录。'
        : query.loggedOut
          ? '您已安全退出。'
          : signInReasonNotice(query.expired);
    res.render(VIEW, await this.locals({ next, username: registered ?? recovered }, { notice }));
  }

  @Post('login')
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    const context = commandContext(req);
    try {
      const { token, account } = await this.login.login(
        {
          username: form.username ?? '',
          password: form.password ?? '',
          captchaId: form.captchaId,
          captcha: form.captcha,
          previousSessionId: (req as RequestWithPrincipal).principal?.sessionId,
        },
        (username) => this.accounts.loginAccount(username),
        context,
      );
      res.setCookie(SESSION_COOKIE, token, sessionCookieOptions(req));
      const recoveries = await this.security.takeRecoveryNotices(account.id, {
        ...context,
        actor: { id: account.id, role: 'candidate' },
      });
      const next = safeNextPath(form.next, '/');
      if (recoveries.length === 0) return res.redirect(next, 303);
      res.render('accounts/recovery-notice', {
        title: '安全提醒',
        recoveries: recoveries.map((r) => ({ ...r, at: chinaTime(r.at) })),
        next,
        principal: { username: account.username },
      });
    } catch (error) {
      renderRefusal(res, VIEW, error, await this.locals(safeValues(form)));
    }
  }

  @Post('logout')
  @Roles('candidate', 'staff', 'auditor', 'admin')
  async logout(@Req() req: RequestWithPrincipal, @Res() res: Response): Promise<void> {
    const principal = req.principal;
    const staff = principal !== undefined && principal.role !== 'candidate';
    if (principal) await this.login.logout(principal, commandContext(req));
    res.clearCookie(SESSION_COOKIE, clearSessionCookieOptions(req));
    res.redirect(staff ? '/staff/login?loggedOut=1' : '/login?loggedOut=1', 303);
  }
}
