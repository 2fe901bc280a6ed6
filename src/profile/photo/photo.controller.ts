import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { DirectoryCatalog } from '../../directory/directory-catalog.service';
import { commandContext } from '../../infrastructure/http/command-context';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { AppError, ForbiddenError } from '../../shared/errors';
import { ProfileCommands } from '../profile-commands.service';
import { ProfileQueries } from '../view-profile/profile-queries';
import { formValuesFromView, profileLocals } from '../web/profile-form';
import { PhotoStore } from './photo-store';
import { sendPhoto } from './send-photo';

/** Reading stops here (memory stays bounded); bigger and smaller alike get the configured limit's reason. */
const UPLOAD_CUTOFF_BYTES = 2 * 1024 * 1024;

/** The bytes of the multipart field `photo`, or undefined when the request carries no such file. */
async function uploadedPhoto(req: Request): Promise<Buffer | undefined> {
  if (!req.isMultipart()) return undefined;
  const part = await req.file({ limits: { fileSize: UPLOAD_CUTOFF_BYTES, files: 1 } });
  if (!part) return undefined;
  const bytes = await part.toBuffer();
  return part.fieldname === 'photo' ? bytes : undefined;
}

/** 证件照: upload (page and API), and the image served by hash to its owner. */
@ApiTags('profile')
@Controller()
export class PhotoController {
  constructor(
    private readonly photos: PhotoStore,
    private readonly commands: ProfileCommands,
    private readonly queries: ProfileQueries,
    private readonly directory: DirectoryCatalog,
  ) {}

  @Post('api/profile/photo')
  @HttpCode(200)
  @Roles('candidate')
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: 'Upload the 证件照 (field `photo`): JPEG, configured pixel size and byte limit' })
  async uploadApi(@Req() req: Request) {
    return { photo: await this.store(req) };
  }

  @Post('profile/photo')
  @Roles('candidate')
  async uploadPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      await this.store(req);
      res.redirect('/profile?photo=1', 303);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const view = await this.queries.get((req as RequestWithPrincipal).principal!.id);
      if (!view) throw error;
      res.status(error.httpStatus).render('profile/profile', {
        ...profileLocals(view, formValuesFromView(view), view.revision, this.directory),
        errors: error.fields,
        errorMessage: '照片未上传：' + (error.fields[0]?.message ?? error.message),
      });
    }
  }

  /** The candidate's own photo; staff see a candidate's through the enrollment they review, within their scope. */
  @Get('profile/photo/:file')
  @Roles('candidate')
  async serve(@Req() req: RequestWithPrincipal, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const sha256 = file.replace(/\.jpg$/, '');
    const view = await this.queries.get(req.principal!.id);
    if (view?.photo?.sha256 !== sha256) throw new ForbiddenError('PHOTO_FORBIDDEN', '只能查看本人的照片');
    sendPhoto(res, this.photos.read(sha256), 'private, max-age=31536000, immutable');
  }

  private async store(req: Request) {
    const bytes = await uploadedPhoto(req).catch((error: unknown) => {
      // A phone photo past the cutoff: the photo field's reason, on the profile page, rather than a bare 413.
      if ((error as { code?: unknown }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
      throw this.photos.tooLarge(`文件超过 ${UPLOAD_CUTOFF_BYTES / 1024 / 1024} MB`);
    });
    const photo = this.photos.check(bytes);
    this.photos.save(bytes!, photo);
    await this.commands.uploadPhoto((req as RequestWithPrincipal).principal!.id, photo, commandContext(req));
    return photo;
  }
}
