import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { AppError, ForbiddenError } from '../../shared/errors';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { statusLabel } from '../enrollment-status-labels';
import { filedSiteCodeOf, pendingSiteChoice } from '../enrollment.state';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { currentTicket } from '../enrollment-view';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { signedIn } from '../signed-in';
import { StaffEnrollmentChanges } from '../staff-changes/staff-enrollment-changes.service';
import { coversSite } from '../staff-review/enrollment-review.service';
import { renderRefusal, revisionOf, text, type Form } from './enrollment-page-helpers';
import { placeOf, visibleToStaff } from './staff-review-views';

const VIEW = 'staff/review/changes';

/** 报名变更 for staff: move a candidate to another site or withdraw the enrollment, with a reason. */
@ApiExcludeController()
@Roles('staff', 'admin')
@Controller('staff/review/:session/:candidate')
export class StaffChangesPageController {
  constructor(
    private readonly changes: StaffEnrollmentChanges,
    private readonly decisions: EnrollmentDecisions,
    private readonly queries: EnrollmentQueries,
    private readonly readYourWrites: EnrollmentReadYourWrites,
  ) {}

  @Get('changes')
  async form(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Query() query: Form,
    @Res() res: Response,
  ) {
    res.render(VIEW, await this.locals(req, session, candidate, text(query, 'area'), { done: text(query, 'done') }));
  }

  @Post('change-site')
  async changeSite(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Body() form: Form,
    @Res() res: Response,
  ) {
    await this.run(req, res, session, candidate, form, 'changed', 'moveNote', () =>
      this.changes.changeSite(
        session,
        candidate,
        text(form, 'siteCode'),
        text(form, 'moveNote'),
        signedIn(req),
        commandContext(req),
        revisionOf(form),
      ),
    );
  }

  @Post('withdraw')
  async withdraw(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Body() form: Form,
    @Res() res: Response,
  ) {
    await this.run(req, res, session, candidate, form, 'withdrawn', 'withdrawNote', () =>
      this.changes.withdraw(
        session,
        candidate,
        text(form, 'withdrawNote'),
        signedIn(req),
        commandContext(req),
        revisionOf(form),
      ),
    );
  }

  private async run(
    req: Request,
    res: Response,
    session: string,
    candidate: string,
    form: Form,
    done: string,
    noteField: string,
    change: () => Promise<{ position: bigint | null }>,
  ) {
    try {
      const result = await change();
      await this.readYourWrites.waitFor(result.position);
      res.redirect(`/staff/review/${session}/${encodeURIComponent(candidate)}/changes?done=${done}`, 303);
    } catch (error) {
      // Each form has its own reason box: the refusal is shown beside the one that was sent.
      if (error instanceof AppError)
        for (const field of error.fields) if (field.field === 'note') field.field = noteField;
      // Withdrawn and started again (a draft), the enrollment has nothing left for staff to change:
      // the refusal is shown on its own, not replaced by the page's refusal to show a draft.
      const locals = await this.locals(req, session, candidate, text(form, 'areaCode'), { values: form }).catch(() => ({
        title: '报名变更',
        sessionCode: session,
        candidateId: candidate,
        gone: true,
      }));
      renderRefusal(res, VIEW, error, locals);
    }
  }

  private async locals(req: Request, session: string, candidate: string, area: string, extra: object) {
    const principal = signedIn(req);
    const [{ state, revision }, catalog] = await Promise.all([
      this.decisions.loadWithRevision(session, candidate),
      this.decisions.catalog(session),
    ]);
    // Staff see only what they may act on: an enrollment submitted at a site of theirs.
    if (!visibleToStaff(principal, state))
      throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点，或尚未提交报名');
    const areaCode = area || state.site?.areaCode || '';
    const pending = pendingSiteChoice(state);
    if (areaCode) await this.readYourWrites.seatsCaughtUp(session, areaCode);
    const sites = areaCode ? await this.queries.sites(session, areaCode) : [];
    return {
      title: '报名变更',
      sessionCode: session,
      candidateId: candidate,
      state,
      // Each form is pinned to the enrollment shown: a change made since is refused, not applied to it.
      revision: String(revision),
      rows: [
        { key: '姓名', value: state.basicInfo?.fullName },
        { key: '报考类别', value: state.category ? `${state.category.code} ${state.category.name}` : '' },
        { key: '考点', value: placeOf(catalog, filedSiteCodeOf(state)) },
        ...(pending ? [{ key: '考生改选（未重新提交）', value: `${pending.areaName} ${pending.siteName}` }] : []),
        { key: '状态', value: statusLabel(state.status) },
        { key: '准考证号', value: currentTicket(state)?.ticketNumber ?? '尚未发放' },
      ],
      // A rejected enrollment is corrected and resubmitted by the candidate; a ticketed one stays put.
      canMove: (state.status === 'submitted' || state.status === 'approved') && !state.ticket,
      canWithdraw: state.status !== 'withdrawn',
      areaCode,
      areaOptions: Object.values(catalog.areas)
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((a) => ({ value: a.code, label: a.name, selected: a.code === areaCode })),
      sites: sites.filter(
        (site) =>
          coversSite(principal, site.siteCode) &&
          site.siteCode !== state.seatSiteCode &&
          site.open &&
          site.remaining > 0,
      ),
      ...extra,
    };
  }
}
