import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from '../../infrastructure/http/http-types';
import { chinaTime } from '../../accounts/web/form-page';
import { commandContext } from '../../infrastructure/http/command-context';
import { safeNextPath } from '../../infrastructure/http/next-path';
import type { Principal, RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { CandidateNoticesService } from '../notices/candidate-notices.service';

/** 重要通知: staff decisions about the candidate's account, shown once at the next login. */
@ApiExcludeController()
@Controller('notices')
export class NoticesPageController {
  constructor(private readonly notices: CandidateNoticesService) {}

  @Get()
  @Roles('candidate')
  async show(@Query('next') next: unknown, @Req() req: RequestWithPrincipal, @Res() res: Response): Promise<void> {
    const principal = req.principal as Principal;
    const notices = await this.notices.take(principal.id, commandContext(req));
    const target = safeNextPath(next, '/');
    if (notices.length === 0) return res.redirect(target, 303);
    const shown = notices.map((notice) => ({ ...notice, issuedAtText: chinaTime(notice.issuedAt) }));
    res.render('staff/cases/notices', { title: '重要通知', notices: shown, next: target });
  }
}
