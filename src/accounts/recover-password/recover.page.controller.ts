import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Public } from '../../infrastructure/http/roles.decorator';
import { CaptchaService } from '../captcha/captcha.service';
import { formBody, ID_TYPE_OPTIONS, renderRefusal, safeValues } from '../web/form-page';
import { RecoverPasswordService } from './recover-password.service';

const VIEW = 'accounts/recover';

/** 找回密码 (guide 注意 5): 姓名, 证件类型和号码, 密码查询答案 → a new password. */
@ApiExcludeController()
@Controller('recover')
export class RecoverPageController {
  constructor(
    private readonly recovery: RecoverPasswordService,
    private readonly captchas: CaptchaService,
  ) {}

  private async locals(values: Record<string, unknown>) {
    return { title: '找回密码', idTypes: ID_TYPE_OPTIONS, captcha: await this.captchas.issue(), values };
  }

  @Get()
  @Public()
  async show(@Res() res: Response): Promise<void> {
    res.render(VIEW, await this.locals({ idType: 'resident' }));
  }

  @Post()
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    try {
      const { username } = await this.recovery.recover(
        {
          realName: form.realName ?? '',
          idType: form.idType ?? '',
          idNumber: form.idNumber ?? '',
          securityAnswer: form.securityAnswer ?? '',
          newPassword: form.newPassword ?? '',
          confirmPassword: form.confirmPassword ?? '',
          captchaId: form.captchaId,
          captcha: form.captcha,
        },
        commandContext(req),
      );
      res.redirect(`/login?recovered=${encodeURIComponent(username)}`, 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, await this.locals(safeValues(form)));
    }
  }
}
