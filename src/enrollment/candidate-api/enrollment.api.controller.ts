import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { EnrollmentCatalogView } from '../enrollment-catalog-view';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { EnrollmentSteps } from '../enrollment-steps.service';
import { enrollmentView } from '../enrollment-view';
import { PledgeTexts } from '../pledge/pledge-texts';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';
import { signedIn } from '../signed-in';
import { CertificatesDto, QualificationsDto, SiteChoiceDto, StartEnrollmentDto } from './enrollment.dto';
import type { EnrollmentState } from '../enrollment.state';

/** 考试报名 for the signed-in candidate: the same commands as the pages. */
@ApiTags('enrollment')
@Roles('candidate')
@Controller('api/enrollment')
export class EnrollmentApiController {
  constructor(
    private readonly steps: EnrollmentSteps,
    private readonly seats: EnrollmentSeats,
    private readonly decisions: EnrollmentDecisions,
    private readonly queries: EnrollmentQueries,
    private readonly catalogView: EnrollmentCatalogView,
    private readonly pledges: PledgeTexts,
    private readonly readYourWrites: EnrollmentReadYourWrites,
  ) {}

  /**
   * The answer is the command's own resulting state. `wait`: the read models this command's
   * effects must reach first — the list for start, also the seats for seat moves; the steps
   * 2–6 need neither (see EnrollmentReadYourWrites).
   */
  private async answer(
    session: string,
    work: Promise<{ state: EnrollmentState; position: bigint | null }>,
    wait: 'nothing' | 'list' | 'list and seats',
  ) {
    const { state, position } = await work;
    if (wait !== 'nothing') await this.readYourWrites.waitFor(position, wait === 'list and seats');
    return enrollmentView(session, state);
  }

  @Get()
  async mine(@Req() req: Request) {
    const id = signedIn(req).id;
    await this.readYourWrites.candidateCaughtUp(id);
    return (await this.queries.forCandidate(id)).map(({ state: _state, ...row }) => row);
  }

  @Get('pledge')
  pledge() {
    return this.pledges.current();
  }

  @Get(':session')
  async get(@Req() req: Request, @Param('session') session: string) {
    return enrollmentView(session, await this.decisions.load(session, signedIn(req).id));
  }

  @Get(':session/categories')
  categories(@Req() req: Request, @Param('session') session: string, @Query('q') q?: string) {
    return this.catalogView.openCategories(session, signedIn(req).id, q);
  }

  @Get(':session/sites')
  sites(@Param('session') session: string, @Query('area') area?: string) {
    return this.queries.sites(session, area);
  }

  @Post(':session/start')
  @HttpCode(200)
  start(@Req() req: Request, @Param('session') session: string, @Body() body: StartEnrollmentDto) {
    const id = signedIn(req).id;
    return this.answer(
      session,
      this.steps.start(session, id, body.pledgeVersion, body.categoryCode, commandContext(req)),
      'list',
    );
  }

  @Put(':session/basic-info')
  basicInfo(@Req() req: Request, @Param('session') session: string) {
    return this.answer(session, this.steps.confirmBasicInfo(session, signedIn(req).id, commandContext(req)), 'nothing');
  }

  @Put(':session/employment')
  employment(@Req() req: Request, @Param('session') session: string) {
    return this.answer(
      session,
      this.steps.confirmEmployment(session, signedIn(req).id, commandContext(req)),
      'nothing',
    );
  }

  @Put(':session/qualifications')
  qualifications(@Req() req: Request, @Param('session') session: string, @Body() body: QualificationsDto) {
    const id = signedIn(req).id;
    const work = this.steps.selectQualifications(session, id, body.educationIds, body.trainingIds, commandContext(req));
    return this.answer(session, work, 'nothing');
  }

  @Put(':session/certificates')
  certificates(@Req() req: Request, @Param('session') session: string, @Body() body: CertificatesDto) {
    const id = signedIn(req).id;
    return this.answer(
      session,
      this.steps.selectCertificates(session, id, body.certificateIds, commandContext(req)),
      'nothing',
    );
  }

  @Put(':session/site')
  chooseSite(@Req() req: Request, @Param('session') session: string, @Body() body: SiteChoiceDto) {
    return this.answer(
      session,
      this.steps.chooseSite(session, signedIn(req).id, body.siteCode, commandContext(req)),
      'nothing',
    );
  }

  @Post(':session/submit')
  @HttpCode(200)
  submit(@Req() req: Request, @Param('session') session: string) {
    return this.answer(session, this.seats.submit(session, signedIn(req).id, commandContext(req)), 'list and seats');
  }

  @Put(':session/change-site')
  changeSite(@Req() req: Request, @Param('session') session: string, @Body() body: SiteChoiceDto) {
    return this.answer(
      session,
      this.seats.changeSite(session, signedIn(req).id, body.siteCode, commandContext(req)),
      'list and seats',
    );
  }

  @Post(':session/withdraw')
  @HttpCode(200)
  withdraw(@Req() req: Request, @Param('session') session: string) {
    return this.answer(session, this.seats.withdraw(session, signedIn(req).id, commandContext(req)), 'list and seats');
  }
}
