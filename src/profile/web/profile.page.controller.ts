import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { DirectoryCatalog } from '../../directory/directory-catalog.service';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import { commandContext } from '../../infrastructure/http/command-context';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { AppError, NotFoundError } from '../../shared/errors';
import type { CandidateView } from '../../../projections/candidate-view/candidate-view.types';
import { ProfileCommands } from '../profile-commands.service';
import { parseProfileInput } from '../update-profile/profile-input';
import { ProfileQueries } from '../view-profile/profile-queries';
import { EnrollmentCopies } from './enrollment-copies';
import { applyRowAction, formValuesFromView, formValuesOf, parseAction, profileLocals } from './profile-form';

const VIEW = 'profile/profile';
const CONFLICT_MESSAGE =
  '个人信息已在其他窗口或设备上修改过，本次未保存。下面保留了您刚才填写的内容；核对后再次点击“提交”，将以本页内容为准。';

/** 个人信息 (the guide's 第二步): one form, + / − rows without scripts, one 提交 for everything. */
@ApiExcludeController()
@Controller('profile')
export class ProfilePageController {
  constructor(
    private readonly queries: ProfileQueries,
    private readonly commands: ProfileCommands,
    private readonly directory: DirectoryCatalog,
    private readonly enrollmentCopies: EnrollmentCopies,
  ) {}

  @Get()
  @Roles('candidate')
  async show(
    @Req() req: RequestWithPrincipal,
    @Query('saved') saved: unknown,
    @Query('photo') photo: unknown,
    @Res() res: Response,
  ) {
    const view = await this.view(req);
    res.header('Cache-Control', 'private, no-store');
    res.render(VIEW, {
      ...profileLocals(view, formValuesFromView(view), view.revision, this.directory),
      notice:
        saved === '1'
          ? '个人信息已保存。'
          : saved === '0'
            ? '没有需要保存的修改。'
            : photo === '1'
              ? '照片已上传。'
              : undefined,
      // Told as they edit: a submitted 报名表 keeps what they just changed (考试报名 says what to do).
      enrollmentCopyOutdated: saved === '1' && (await this.enrollmentCopies.outdated(view.candidateId)),
    });
  }

  @Post()
  @Roles('candidate')
  async submit(@Req() req: Request, @Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const view = await this.view(req as RequestWithPrincipal);
    const input = parseProfileInput(body);
    const revision =
      typeof body.revision === 'string' && /^-?\d{1,19}$/.test(body.revision) ? body.revision : view.revision;
    const action = parseAction(body.action);
    if (action.kind !== 'save') {
      res
        .status(200)
        .render(VIEW, profileLocals(view, applyRowAction(formValuesOf(input), action), revision, this.directory));
      return;
    }
    try {
      const result = await this.commands.updateProfile(view.candidateId, input, BigInt(revision), commandContext(req));
      res.redirect(`/profile?saved=${result.changed ? 1 : 0}`, 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const conflict = error instanceof WrongExpectedRevisionError;
      // A double click: the first request saved exactly this, so the second has nothing to say.
      if (conflict && (await this.commands.holdsAlready(view.candidateId, input))) {
        res.redirect('/profile?saved=1', 303);
        return;
      }
      // After a conflict the form carries the current revision: submitting again is a deliberate overwrite.
      const current = conflict ? ((await this.queries.get(view.candidateId))?.revision ?? revision) : revision;
      res.status(error.httpStatus).render(VIEW, {
        ...profileLocals(view, formValuesOf(input), current, this.directory),
        errors: error.fields,
        errorMessage: conflict ? CONFLICT_MESSAGE : error.message,
        errorCode: error.code,
      });
    }
  }

  private async view(req: RequestWithPrincipal): Promise<CandidateView> {
    const view = await this.queries.get(req.principal!.id);
    if (!view) throw new NotFoundError('PROFILE_NOT_FOUND', '未找到个人信息，请稍后刷新');
    return view;
  }
}
