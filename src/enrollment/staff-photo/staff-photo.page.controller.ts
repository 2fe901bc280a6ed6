import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { sendPhoto } from '../../profile/photo/send-photo';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { requireVisible } from '../pages/staff-review-views';
import { signedIn } from '../signed-in';
import { StaffPhotos } from './staff-photos.service';

/** The 证件照 the staff enrollment page shows, served to staff whose scope covers the enrollment. */
@ApiExcludeController()
@Roles('staff', 'admin')
@Controller('staff/review')
export class StaffPhotoPageController {
  constructor(
    private readonly decisions: EnrollmentDecisions,
    private readonly photos: StaffPhotos,
  ) {}

  /** Only the photo the page shows (named by its hash), not any other of the candidate's. */
  @Get(':session/:candidate/photo/:file')
  async photo(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Param('file') file: string,
    @Res() res: Response,
  ) {
    const state = requireVisible(signedIn(req), await this.decisions.load(session, candidate));
    const { sha256 } = await this.photos.shownWith(candidate, state);
    // Revalidated on each view: who may see it changes with the scope (a move to another site, 停用).
    sendPhoto(res, sha256 && file === `${sha256}.jpg` ? this.photos.read(sha256) : null, 'private, no-cache');
  }
}
