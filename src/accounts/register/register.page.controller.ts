import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { randomUUID } from 'node:crypto';
import { commandContext } from '../../infrastructure/http/command-context';
import { Public } from '../../infrastructure/http/roles.decorator';
import { todayInChina } from '../accounts.streams';
import { formBody, GENDER_OPTIONS, ID_TYPE_OPTIONS, renderRefusal, safeValues } from '../web/form-page';
import { RegisterCandidateService } from './register-candidate.service';
import { parseRegistration } from './registration-input';

const VIEW = 'accounts/register';

/** 注册: the form of the guide's 第一步; a refused form comes back red, with what was typed. */
@ApiExcludeController()
@Controller('register')
export class RegisterPageController {
  constructor(private readonly registration: RegisterCandidateService) {}

  private locals(values: Record<string, unknown>) {
    return { title: '用户注册', idTypes: ID_TYPE_OPTIONS, genders: GENDER_OPTIONS, values };
  }

  @Get()
  @Public()
  show(@Res() res: Response): void {
    res.render(VIEW, this.locals({ nationality: '中国', idType: 'resident', registrationKey: randomUUID() }));
  }

  @Post()
  @Public()
  async submit(@Req() req: Request, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const form = formBody(body);
    const context = commandContext(req);
    try {
      const input = parseRegistration(form, todayInChina(context.now), ['confirmPassword']);
      const key =
        form.registrationKey && /^[\w-]{8,64}$/.test(form.registrationKey) ? form.registrationKey : randomUUID();
      await this.registration.register(input, key, context);
      res.redirect(`/login?registered=${encodeURIComponent(input.username)}`, 303);
    } catch (error) {
      renderRefusal(res, VIEW, error, this.locals(safeValues(form)));
    }
  }
}
