import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBody, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { EnrollmentCatalogView } from '../enrollment-catalog-view';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { EnrollmentSteps } from '../enrollment-steps.service';
import { candidateRow, enrollmentViewForCandidate } from '../enrollment-view';
import { PledgeTexts } from '../pledge/pledge-texts';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';
import { signedIn } from '../signed-in';
import {
  CertificatesDto,
  NoInputDto,
  QualificationsDto,
  SiteChoiceDto,
  StartEnrollmentDto,
  SubmitDto,
} from './enrollment.dto';
import type { EnrollmentState } from '../enrollment.state';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';

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
   * The answer is the command's own resulting state, from its stream: it does not wait for the
   * read models; the reads of the list and of free places do (see EnrollmentReadYourWrites).
   */
  private async answer(session: string, work: Promise<{ state: EnrollmentState }>) {
    return enrollmentViewForCandidate(session, (await work).state);
  }

  @Get()
  async mine(@Req() req: Request) {
    const id = signedIn(req).id;
    await this.readYourWrites.candidateCaughtUp(id);
    return (await this.queries.forCandidate(id)).map(candidateRow);
  }

  @Get('pledge')
  pledge() {
    return this.pledges.current();
  }

  /**
   * With the steps 提交 would refuse as out of date (PROFILE_CHANGED), as the check page lists them,
   * and, once submitted, those 个人信息 has changed since (as the list's notice says).
   */
  @Get(':session')
  async get(@Req() req: Request, @Param('session', ScheduledSessionPipe) session: string) {
    const id = signedIn(req).id;
    const state = await this.decisions.load(session, id);
    return {
      ...enrollmentViewForCandidate(session, state),
      outdatedSteps: await this.steps.outdatedSteps(state, id),
      changedSinceSubmitted: await this.steps.changedSinceSubmitted(state, id),
    };
  }

  @Get(':session/categories')
  @ApiQuery({ name: 'q', required: false, description: '按类别代码或名称筛选' })
  categories(@Req() req: Request, @Param('session') session: string, @Query('q') q?: string) {
    return this.catalogView.openCategories(session, signedIn(req).id, q);
  }

  @Get(':session/sites')
  @ApiQuery({ name: 'area', required: false, description: '考区代码；缺省为全部考区' })
  async sites(@Param('session', ScheduledSessionPipe) session: string, @Query('area') area?: string) {
    await this.readYourWrites.seatsCaughtUp(session, area);
    return this.queries.sites(session, area);
  }

  @Post(':session/start')
  @HttpCode(200)
  start(@Req() req: Request, @Param('session') session: string, @Body() body: StartEnrollmentDto) {
    const id = signedIn(req).id;
    return this.answer(
      session,
      this.steps.start(session, id, body.pledgeVersion, body.categoryCode, commandContext(req)),
    );
  }

  @Put(':session/basic-info')
  @ApiBody({ type: NoInputDto, required: false })
  basicInfo(@Req() req: Request, @Param('session') session: string, @Body() _none: NoInputDto) {
    return this.answer(session, this.steps.confirmBasicInfo(session, signedIn(req).id, commandContext(req)));
  }

  @Put(':session/employment')
  @ApiBody({ type: NoInputDto, required: false })
  employment(@Req() req: Request, @Param('session') session: string, @Body() _none: NoInputDto) {
    return this.answer(session, this.steps.confirmEmployment(session, signedIn(req).id, commandContext(req)));
  }

  @Put(':session/qualifications')
  qualifications(@Req() req: Request, @Param('session') session: string, @Body() body: QualificationsDto) {
    const id = signedIn(req).id;
    const { educationIds, trainingIds, keepIncomplete } = body;
    const context = commandContext(req);
    return this.answer(
      session,
      this.steps.selectQualifications(session, id, educationIds, trainingIds, context, keepIncomplete),
    );
  }

  @Put(':session/certificates')
  certificates(@Req() req: Request, @Param('session') session: string, @Body() body: CertificatesDto) {
    const id = signedIn(req).id;
    const context = commandContext(req);
    return this.answer(
      session,
      this.steps.selectCertificates(session, id, body.certificateIds, context, body.keepIncomplete),
    );
  }

  @Put(':session/site')
  chooseSite(@Req() req: Request, @Param('session') session: string, @Body() body: SiteChoiceDto) {
    return this.answer(session, this.steps.chooseSite(session, signedIn(req).id, body.siteCode, commandContext(req)));
  }

  @Post(':session/submit')
  @HttpCode(200)
  @ApiBody({ type: SubmitDto, required: false })
  submit(@Req() req: Request, @Param('session') session: string, @Body() body: SubmitDto) {
    return this.answer(session, this.seats.submit(session, signedIn(req).id, commandContext(req), body?.siteCode));
  }

  @Put(':session/change-site')
  changeSite(@Req() req: Request, @Param('session') session: string, @Body() body: SiteChoiceDto) {
    return this.answer(session, this.seats.changeSite(session, signedIn(req).id, body.siteCode, commandContext(req)));
  }

  @Post(':session/withdraw')
  @HttpCode(200)
  @ApiBody({ type: NoInputDto, required: false })
  withdraw(@Req() req: Request, @Param('session') session: string, @Body() _none: NoInputDto) {
    return this.answer(session, this.seats.withdraw(session, signedIn(req).id, commandContext(req)));
  }
}
