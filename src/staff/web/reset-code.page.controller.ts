import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { formBody, renderRefusal, safeValues } from '../../accounts/web/form-page';
import { commandContext } from '../../infrastructure/http/command-context';
import { Public } from '../../infrastructure/http/roles.decorator';
import { RedeemResetCodeService } from '../reset-codes/redeem-reset-code.service';
import { ServerBusyError } from '../../shared/errors';

const VIEW = 'staff/cases/reset-code';

/** 使用重置码: the person staff verified on site sets their password with the one-time code. */
@ApiExcludeController()
@Controller('reset-code')
export class ResetCodePageController {
  constructor(private readonly redeemer: RedeemResetCodeService) {}

  @Get()
  @Public()
  show(@Res() res: Response): void {
    res.render(VIEW, { title: '使用重置码', values: {} });
  }

  @Post()
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    try {
      const { username } = await this.redeemer.redeem(
        {
          username: form.username ?? '',
          code: form.code ?? '',
          password: form.password ?? '',
          confirmPassword: form.confirmPassword ?? '',
          securityQuestion: form.securityQuestion ?? '',
          securityAnswer: form.securityAnswer ?? '',
        },
        commandContext(req),
      );
      res.redirect(`/login?recovered=${encodeURIComponent(username)}`, 303);
    } catch (error) {
      // A wrong code is typed again; one the server was too busy to look at is kept.
      const code = error instanceof ServerBusyError ? (form.code ?? '') : '';
      renderRefusal(res, VIEW, error, { title: '使用重置码', values: { ...safeValues(form), code } });
    }
  }
}
