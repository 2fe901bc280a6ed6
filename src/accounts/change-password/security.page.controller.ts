import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { AccountQueries } from '../accounts.queries';
import { maskIdNumber } from '../security/identity-key';
import { formBody, renderRefusal, safeValues } from '../web/form-page';
import { AccountSecurityService } from './account-security.service';

const VIEW = 'accounts/security';

/** 安全设置: change the password or the security question (guide 第二步 注意 6). */
@ApiExcludeController()
@Controller('security')
export class SecurityPageController {
  constructor(
    private readonly security: AccountSecurityService,
    private readonly accounts: AccountQueries,
  ) {}

  private async locals(principal: Principal, values: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    const account = await this.accounts.byId(principal.id);
    return {
      title: '安全设置',
      currentQuestion: account?.securityQuestion,
      // The full number is not needed here: masked, as on every page that does not need it.
      maskedIdNumber: account ? maskIdNumber(account.idNumber) : undefined,
      values,
      ...extra,
    };
  }

  @Get()
  @Roles('candidate', 'staff', 'auditor', 'admin')
  async show(@Req() req: RequestWithPrincipal, @Query('saved') saved: unknown, @Res() res: Response): Promise<void> {
    // Staff, auditors and admins keep their own accounts (staff-accounts slice).
    if (req.principal?.role !== 'candidate') return res.redirect('/staff/security', 303);
    const notice = saved === 'password' ? '密码已修改。' : saved === 'question' ? '密码查询问题已修改。' : undefined;
    res.render(VIEW, await this.locals(req.principal as Principal, {}, { notice }));
  }

  @Post('password')
  @Roles('candidate')
  async changePassword(@Req() req: RequestWithPrincipal, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const principal = req.principal as Principal;
    const form = formBody(body);
    try {
      await this.security.changePassword(
        principal.id,
        principal.sessionId,
        {
          currentPassword: form.currentPassword ?? '',
          newPassword: form.newPassword ?? '',
          confirmPassword: form.confirmPassword ?? '',
        },
        commandContext(req),
      );
      res.redirect('/security?saved=password', 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, await this.locals(principal, safeValues(form), { form: 'password' }));
    }
  }

  @Post('question')
  @Roles('candidate')
  async changeQuestion(@Req() req: RequestWithPrincipal, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const principal = req.principal as Principal;
    const form = formBody(body);
    try {
      await this.security.changeSecurityQuestion(
        principal.id,
        {
          currentPassword: form.questionPassword ?? '',
          securityQuestion: form.securityQuestion ?? '',
          securityAnswer: form.securityAnswer ?? '',
        },
        commandContext(req),
      );
      res.redirect('/security?saved=question', 303);
    } catch (error) {
      const renamed = error as { fields?: Array<{ field: string }> };
      for (const field of renamed.fields ?? []) if (field.field === 'currentPassword') field.field = 'questionPassword';
      renderRefusal(res, VIEW, error, await this.locals(principal, safeValues(form), { form: 'question' }));
    }
  }
}
