import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { CatalogQueries } from '../../catalog/catalog-queries';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import { EnrollmentCatalogView } from '../enrollment-catalog-view';
import { STATUS_LABELS } from '../enrollment-status-labels';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { EnrollmentSteps } from '../enrollment-steps.service';
import { type Pledge, PledgeTexts } from '../pledge/pledge-texts';
import { currentTicket } from '../enrollment-view';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';
import { signedIn } from '../signed-in';
import { SubmittedCopies } from '../submitted-copies/submitted-copies.service';
import {
  changeable,
  enrollmentCard,
  enrollmentSteps,
  refusalOf,
  renderRefusal,
  text,
  type Form,
} from './enrollment-page-helpers';
import { requireWithdrawable } from '../enrollment.decider';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';

const NOTICES: Record<string, string> = {
  submitted: '报名信息已提交。',
  withdrawn: '已放弃报考。报名截止前可以重新报名。',
  changed: '考点已修改，报名将由新考点进行资格审核。',
  // Also what a double click's second request finds: the move it asked for is already made.
  unchanged: '您的报名考点已是所选考点，无需修改。',
};

/** 考试报名: the list with the big “+”, the pledge, the categories, 放弃报考. */
@ApiExcludeController()
@Roles('candidate')
@Controller('enrollment')
export class EnrollmentHomePageController {
  constructor(
    private readonly queries: EnrollmentQueries,
    private readonly catalogs: CatalogQueries,
    private readonly catalogView: EnrollmentCatalogView,
    private readonly steps: EnrollmentSteps,
    private readonly seats: EnrollmentSeats,
    private readonly pledges: PledgeTexts,
    private readonly readYourWrites: EnrollmentReadYourWrites,
    private readonly decisions: EnrollmentDecisions,
    private readonly submittedCopies: SubmittedCopies,
  ) {}

  @Get()
  async home(@Req() req: Request, @Query('done') done: string | undefined, @Res() res: Response) {
    const candidateId = signedIn(req).id;
    await this.readYourWrites.candidateCaughtUp(candidateId);
    const [rows, sessions] = await Promise.all([this.queries.forCandidate(candidateId), this.catalogs.listSessions()]);
    const outdated = await this.submittedCopies.outdatedByRow(candidateId, rows);
    const { now: asked, actor } = commandContext(req);
    const now = asked.getTime();
    const cards = rows
      .filter((row) => row.status !== 'none')
      .map((row) => {
        const windows = sessions.find((view) => view.session.sessionCode === row.sessionCode)?.session.windows;
        return {
          ...enrollmentCard(row, { now: asked, actor, windows }, outdated.get(row.enrollmentId)),
          sessionName: sessions.find((v) => v.session.sessionCode === row.sessionCode)?.session.name ?? row.sessionCode,
        };
      });
    const openSessions = sessions
      .filter(
        ({ session: { windows } }) =>
          now >= Date.parse(windows.registrationOpensAt) && now < Date.parse(windows.registrationClosesAt),
      )
      .filter(({ session }) => !cards.some((card) => card.sessionCode === session.sessionCode && !card.isWithdrawn))
      .map(({ session }) => ({ ...session, closesAtText: formatBeijingTime(session.windows.registrationClosesAt) }));
    res.render('enrollment/index', {
      title: '考试报名',
      cards,
      openSessions,
      notice: done ? NOTICES[done] : undefined,
    });
  }

  @Get(':session/pledge')
  pledge(@Param('session', ScheduledSessionPipe) session: string, @Res() res: Response) {
    res.render('enrollment/pledge', pledgeLocals(session, this.pledges.current()));
  }

  @Post(':session/pledge')
  acceptPledge(@Param('session', ScheduledSessionPipe) session: string, @Body() form: Form, @Res() res: Response) {
    const pledge = this.pledges.current();
    if (text(form, 'accept') !== 'yes' || text(form, 'pledgeVersion') !== pledge.version) {
      const errors = [{ field: 'accept', code: 'PLEDGE_NOT_ACCEPTED', message: '请阅读并勾选同意考生承诺书' }];
      res.status(400).render('enrollment/pledge', { ...pledgeLocals(session, pledge), errors });
      return;
    }
    res.redirect(`/enrollment/${encodeURIComponent(session)}/categories?pledge=${pledge.version}`, 303);
  }

  @Get(':session/categories')
  async categories(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Query() query: Form,
    @Res() res: Response,
  ) {
    res.render(
      'enrollment/categories',
      await this.categoryLocals(req, session, text(query, 'pledge'), text(query, 'q')),
    );
  }

  @Post(':session/start')
  async start(@Req() req: Request, @Param('session') session: string, @Body() form: Form, @Res() res: Response) {
    const pledgeVersion = text(form, 'pledgeVersion');
    try {
      // Step 2 reads the enrollment's own stream; the list waits for it when read.
      await this.steps.start(session, signedIn(req).id, pledgeVersion, text(form, 'categoryCode'), commandContext(req));
      res.redirect(`/enrollment/${encodeURIComponent(session)}/step/2`, 303);
    } catch (error) {
      renderRefusal(res, 'enrollment/categories', error, await this.categoryLocals(req, session, pledgeVersion, ''));
    }
  }

  @Get(':session/withdraw')
  async withdrawConfirm(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Res() res: Response,
  ) {
    res.render('enrollment/withdraw', await this.withdrawLocals(req, session));
  }

  @Post(':session/withdraw')
  async withdraw(@Req() req: Request, @Param('session') session: string, @Res() res: Response) {
    try {
      await this.seats.withdraw(session, signedIn(req).id, commandContext(req));
      res.redirect('/enrollment?done=withdrawn', 303);
    } catch (error) {
      renderRefusal(res, 'enrollment/withdraw', error, await this.withdrawLocals(req, session));
    }
  }

  /** What 放弃报考 gives up, said before it is confirmed: an approval, a ticket, enrolling again after the close. */
  private async withdrawLocals(req: Request, session: string) {
    const [state, catalog] = await Promise.all([
      this.decisions.load(session, signedIn(req).id),
      this.decisions.catalog(session).catch(() => null), // an unknown session: the refusal says so on 确认
    ]);
    const ticket = currentTicket(state);
    const closesAt = catalog?.session.windows.registrationClosesAt;
    // Nothing to give up, or past the deadline: the reason instead of a form 确认 would be refused on.
    const windows = catalog?.session.windows;
    const refusal =
      state.status === 'withdrawn'
        ? '本次报名已放弃，无需再次放弃。'
        : windows && refusalOf(() => requireWithdrawable({ ...commandContext(req), windows }, state));
    return {
      title: '放弃报考',
      sessionCode: session,
      refusal,
      consequences: [
        '已选择的考点名额将被释放。',
        ...(state.status === 'approved' ? ['您的报名已通过资格审核，放弃后审核结果作废。'] : []),
        ...(ticket ? [`已发放的准考证号 ${ticket.ticketNumber} 将作废。`] : []),
        closesAt && Date.now() < Date.parse(closesAt)
          ? `网上报名截止（${formatBeijingTime(closesAt)}）前您可以重新报名。`
          : '网上报名已截止，放弃后不能再重新报名。',
      ],
    };
  }

  /**
   * The categories open to the candidate. A draft's category is named, as choosing another starts
   * steps 2–6 again; an enrollment already submitted lists none, as only 放弃报考 frees its session.
   */
  private async categoryLocals(req: Request, session: string, pledgeVersion: string, q: string) {
    const candidateId = signedIn(req).id;
    const state = await this.decisions.load(session, candidateId);
    const enrolled = !changeable(state.status).category;
    const pledgeCurrent = pledgeVersion === this.pledges.current().version;
    const categories = pledgeCurrent && !enrolled ? await this.catalogView.openCategories(session, candidateId, q) : [];
    return {
      title: '选择报考类别',
      sessionCode: session,
      steps: enrollmentSteps(session, state),
      enrolledStatus: enrolled ? STATUS_LABELS[state.status] : undefined,
      draftCategory: state.status === 'draft' ? state.category : undefined,
      pledgeVersion,
      pledgeCurrent,
      categories,
      q,
    };
  }
}

/** The pledge page; its text names its own version (版本：v1…), so the page says it only if it does not. */
function pledgeLocals(sessionCode: string, pledge: Pledge) {
  const versionInText = pledge.paragraphs.some((line) => line.startsWith(`版本：${pledge.version}`));
  return { title: '考生承诺书', sessionCode, pledge, versionInText };
}
