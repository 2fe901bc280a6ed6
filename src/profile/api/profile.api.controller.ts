import { Body, Controller, Get, Headers, HttpCode, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { NotFoundError } from '../../shared/errors';
import type { CandidateView } from '../../../projections/candidate-view/candidate-view.types';
import { ProfileCommands } from '../profile-commands.service';
import { parseProfileInput } from '../update-profile/profile-input';
import { ProfileQueries } from '../view-profile/profile-queries';
import { etagOf, revisionFromIfMatch } from './profile-etag';

/** What the owner sees over the API: the full identity number and phone stay out (printing only). */
function publicView(view: CandidateView): Omit<CandidateView, 'idNumber' | 'mobile'> {
  const { idNumber: _idNumber, mobile: _mobile, ...rest } = view;
  return rest;
}

@ApiTags('profile')
@Controller('api/profile')
export class ProfileApiController {
  constructor(
    private readonly queries: ProfileQueries,
    private readonly commands: ProfileCommands,
  ) {}

  @Get()
  @Roles('candidate')
  @ApiOperation({ summary: '个人信息 of the signed-in candidate; the ETag is the revision to send back in If-Match' })
  async get(@Req() req: RequestWithPrincipal, @Res({ passthrough: true }) res: Response) {
    const view = await this.queries.get(req.principal!.id);
    if (!view) throw new NotFoundError('PROFILE_NOT_FOUND', '未找到个人信息');
    res.header('ETag', etagOf(view.revision));
    res.header('Cache-Control', 'private, no-store');
    return publicView(view);
  }

  @Put()
  @HttpCode(200)
  @Roles('candidate')
  @ApiHeader({ name: 'If-Match', required: true, description: 'ETag from GET /api/profile; 409 if it changed since' })
  @ApiOperation({ summary: 'Replace contact, employment, education, training and certificates at once' })
  @ApiOkResponse({
    description: '{ changed, profile } with the new ETag; 400 field errors; 409 conflict; 428 no If-Match',
  })
  async put(
    @Req() req: Request,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const candidateId = (req as RequestWithPrincipal).principal!.id;
    const expected = revisionFromIfMatch(ifMatch);
    const result = await this.commands.updateProfile(
      candidateId,
      parseProfileInput(body),
      expected,
      commandContext(req),
    );
    const view = await this.queries.get(candidateId);
    res.header('ETag', etagOf(result.revision));
    return { changed: result.changed, profile: view ? publicView(view) : null };
  }
}
