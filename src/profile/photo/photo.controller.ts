import { Controller, Get, HttpCode, Param, Post, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DirectoryCatalog } from '../../directory/directory-catalog.service';
import { commandContext } from '../../infrastructure/http/command-context';
import type { RequestWithPrincipal } from '../../infrastructure/http/principal';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { AppError, ForbiddenError, NotFoundError } from '../../shared/errors';
import { ProfileCommands } from '../profile-commands.service';
import { ProfileQueries } from '../view-profile/profile-queries';
import { formValuesFromView, profileLocals } from '../web/profile-form';
import { PhotoStore } from './photo-store';

/** Bigger files are cut off while uploading; the configured limit is checked after, with a clear reason. */
const UPLOAD_CUTOFF = { limits: { fileSize: 2 * 1024 * 1024, files: 1 } };
type UploadedPhoto = { buffer: Buffer } | undefined;

/** 证件照: upload (page and API), and the image served by hash to its owner and to staff. */
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
  @UseInterceptors(FileInterceptor('photo', UPLOAD_CUTOFF))
  async uploadApi(@Req() req: Request, @UploadedFile() file: UploadedPhoto) {
    return { photo: await this.store(req, file) };
  }

  @Post('profile/photo')
  @Roles('candidate')
  @UseInterceptors(FileInterceptor('photo', UPLOAD_CUTOFF))
  async uploadPage(@Req() req: Request, @UploadedFile() file: UploadedPhoto, @Res() res: Response): Promise<void> {
    try {
      await this.store(req, file);
      res.redirect(303, '/profile?photo=1');
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

  @Get('profile/photo/:file')
  @Roles('candidate', 'staff', 'admin')
  async serve(@Req() req: RequestWithPrincipal, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const sha256 = file.replace(/\.jpg$/, '');
    const principal = req.principal!;
    if (principal.role === 'candidate') {
      const view = await this.queries.get(principal.id);
      if (view?.photo?.sha256 !== sha256) throw new ForbiddenError('PHOTO_FORBIDDEN', '只能查看本人的照片');
    }
    const bytes = this.photos.read(sha256);
    if (!bytes) throw new NotFoundError('PHOTO_NOT_FOUND', '照片不存在');
    res.setHeader('Content-Type', 'image/jpeg');
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(bytes);
  }

  private async store(req: Request, file: UploadedPhoto) {
    const photo = this.photos.check(file?.buffer);
    this.photos.save(file!.buffer, photo);
    await this.commands.uploadPhoto((req as RequestWithPrincipal).principal!.id, photo, commandContext(req));
    return photo;
  }
}
