import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { NotFoundError, ValidationError } from '../../shared/errors';
import { ProfileSaveBack, sectionVersion } from '../candidate-profile/profile-save-back';
import { DirectoryCatalog } from '../../directory/directory-catalog.service';
import { employerLocals } from '../../profile/web/profile-form';
import { statusLabel } from '../enrollment-status-labels';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { EnrollmentSteps } from '../enrollment-steps.service';
import { nextStep, type EnrollmentState } from '../enrollment.state';
import { requireSiteChangeable, requireStepOpen } from '../enrollment.decider';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';
import { signedIn } from '../signed-in';
import {
  changeable,
  enrollmentSteps,
  list,
  refusalOf,
  renderRefusal,
  text,
  type Form,
} from './enrollment-page-helpers';
import { areaOptions, catalogChanges, outdatedLinks, reviewRows, stepLocals } from './enrollment-step-views';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';

/** Steps 2–6 (each with 保存 and 下一步), the check-your-answers page, 提交 and 修改考点. */
@ApiExcludeController()
@Roles('candidate')
@Controller('enrollment/:session')
export class EnrollmentStepsPageController {
  constructor(
    private readonly steps: EnrollmentSteps,
    private readonly seats: EnrollmentSeats,
    private readonly decisions: EnrollmentDecisions,
    private readonly queries: EnrollmentQueries,
    private readonly readYourWrites: EnrollmentReadYourWrites,
    private readonly saveBack: ProfileSaveBack,
    private readonly directory: DirectoryCatalog,
  ) {}

  /** Leaving and coming back resumes at the first step not yet done. */
  @Get('continue')
  async resume(@Req() req: Request, @Param('session', ScheduledSessionPipe) session: string, @Res() res: Response) {
    const state = await this.decisions.load(session, signedIn(req).id);
    const step = nextStep(state);
    // Submitted, approved or withdrawn: nothing to continue, the list says where the enrollment stands.
    if (state.status !== 'none' && !changeable(state.status).steps) return res.redirect('/enrollment', 303);
    const path = step === 1 ? 'pledge' : step === 7 ? 'review' : `step/${step}`;
    res.redirect(`/enrollment/${encodeURIComponent(session)}/${path}`, 303);
  }

  @Get('step/:n')
  async show(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('n', ParseIntPipe) n: number,
    @Query() query: Form,
    @Res() res: Response,
  ) {
    res.render(
      `enrollment/step-${checkStep(n)}`,
      await this.locals(req, session, n, text(query, 'area'), query.saved === '1'),
    );
  }

  @Post('step/:n')
  async save(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('n', ParseIntPipe) n: number,
    @Body() form: Form,
    @Res() res: Response,
  ) {
    const id = signedIn(req).id;
    const context = commandContext(req);
    const step = checkStep(n); // another number has no page: 404, as its GET
    try {
      // A step refused anyway (closed, submitted, out of order) must not change the profile.
      if (n === 2 || n === 3) await this.steps.requireStepOpen(session, id, n, context);
      await this.saveCorrections(id, n, form, context);
      // 保存 keeps an incomplete selection of steps 4–5 as a draft; 下一步 refuses it.
      const saving = text(form, 'action') === 'save';
      const command = {
        2: () => this.steps.confirmBasicInfo(session, id, context),
        3: () => this.steps.confirmEmployment(session, id, context),
        4: () =>
          this.steps.selectQualifications(
            session,
            id,
            list(form, 'educationIds'),
            list(form, 'trainingIds'),
            context,
            saving,
          ),
        5: () => this.steps.selectCertificates(session, id, list(form, 'certificateIds'), context, saving),
        6: () => this.steps.chooseSite(session, id, text(form, 'siteCode'), context),
      }[step];
      // The next page reads the enrollment's own stream: no read model to wait for.
      await command();
      const base = `/enrollment/${encodeURIComponent(session)}`;
      if (saving) res.redirect(`${base}/step/${n}?saved=1`, 303);
      else res.redirect(n === 6 ? `${base}/review` : `${base}/step/${n + 1}`, 303);
    } catch (error) {
      renderRefusal(
        res,
        `enrollment/step-${n}`,
        error,
        await this.locals(req, session, n, text(form, 'areaCode'), false, form),
      );
    }
  }

  @Get('review')
  async review(@Req() req: Request, @Param('session', ScheduledSessionPipe) session: string, @Res() res: Response) {
    res.render('enrollment/review', await this.reviewLocals(req, session));
  }

  @Post('submit')
  async submit(@Req() req: Request, @Param('session') session: string, @Body() form: Form, @Res() res: Response) {
    try {
      await this.seats.submit(session, signedIn(req).id, commandContext(req), text(form, 'siteCode') || undefined);
      res.redirect('/enrollment?done=submitted', 303);
    } catch (error) {
      renderRefusal(res, 'enrollment/review', error, await this.reviewLocals(req, session));
    }
  }

  @Get('change-site')
  async changeSiteForm(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Query() query: Form,
    @Res() res: Response,
  ) {
    res.render('enrollment/change-site', await this.changeSiteLocals(req, session, text(query, 'area')));
  }

  @Post('change-site')
  async changeSite(@Req() req: Request, @Param('session') session: string, @Body() form: Form, @Res() res: Response) {
    try {
      const siteCode = text(form, 'siteCode');
      if (!/^\d{4}$/.test(siteCode))
        throw new ValidationError([{ field: 'siteCode', code: 'SITE_REQUIRED', message: '请选择考点' }]);
      const result = await this.seats.changeSite(session, signedIn(req).id, siteCode, commandContext(req));
      res.redirect(`/enrollment?done=${result.position === null ? 'unchanged' : 'changed'}`, 303);
    } catch (error) {
      renderRefusal(
        res,
        'enrollment/change-site',
        error,
        await this.changeSiteLocals(req, session, text(form, 'areaCode')),
      );
    }
  }

  /** Steps 2 and 3 show the profile's contact and employment as a form: corrections go back to the profile. */
  private async saveCorrections(
    candidateId: string,
    n: number,
    form: Form,
    context: ReturnType<typeof commandContext>,
  ) {
    const part = (name: string) => (form[name] && typeof form[name] === 'object' ? (form[name] as Form) : undefined);
    const contact = part('contact');
    const employment = part('employment');
    const seen = text(form, 'profileVersion') || undefined;
    if (n === 2 && contact)
      await this.saveBack.save(
        candidateId,
        {
          contact: {
            phone: text(contact, 'phone'),
            email: text(contact, 'email'),
            address: text(contact, 'address'),
            postcode: text(contact, 'postcode'),
          },
        },
        context,
        seen,
      );
    if (n === 3 && employment)
      await this.saveBack.save(
        candidateId,
        {
          employment: {
            employer: { name: text(employment, 'employer'), inDirectory: false },
            department: text(employment, 'department'),
            position: text(employment, 'position'),
            title: text(employment, 'title'),
            startMonth: text(employment, 'startMonth'),
          },
        },
        context,
        seen,
      );
  }

  private async locals(req: Request, session: string, n: number, area: string, saved: boolean, form?: Form) {
    const id = signedIn(req).id;
    const [state, profile, catalog, stored] = await Promise.all([
      this.decisions.load(session, id),
      this.steps.profile(id),
      this.decisions.catalog(session),
      this.saveBack.current(id),
    ]);
    const employment = stored.state.employment;
    const values = form ?? {
      contact: stored.state.contact ?? {},
      employment: employment ? { ...employment, employer: employment.employer.name } : {},
    };
    const areaCode = area || state.site?.areaCode || '';
    const sites = n === 6 && areaCode ? await this.freePlaces(session, areaCode) : [];
    const redo = await this.stepsToRedo(session, state, id);
    // Submitted, closed, not started or out of order: the reason, not a form every save would refuse.
    const refusal = form
      ? undefined
      : refusalOf(() => requireStepOpen({ ...commandContext(req), windows: catalog.session.windows }, state, n));
    return {
      ...stepLocals({ session, n, state, profile, catalog, areaCode, sites, saved, form, redo }),
      refusal,
      // Submitted or approved: every step done, none current (as on the check page).
      ...(refusal && ['submitted', 'approved'].includes(state.status) ? { current: 7 } : {}),
      // A draft asked for a later step: 继续填写 leads to the step to do.
      refusalContinue: !!refusal && changeable(state.status).steps && nextStep(state) < n,
      values,
      // Step 3's employer is searched in the directory as on the profile page (grey: found, yellow: typed).
      ...(n === 3 ? employerLocals(this.directory, text((values.employment ?? {}) as Form, 'employer')) : {}),
      // The section as this form shows it: 保存 refuses if it changed meanwhile (another tab).
      // After a refusal it is the current one, so saving again is a deliberate overwrite.
      profileVersion: sectionVersion(stored.state, n === 2 ? 'contact' : 'employment'),
    };
  }

  /** Steps out of date or no longer meeting the catalog: asked only once every step is done. */
  private async stepsToRedo(session: string, state: EnrollmentState, candidateId: string): Promise<number[]> {
    if (!changeable(state.status).steps || nextStep(state) !== 7) return [];
    const [outdated, changes] = await Promise.all([
      this.steps.outdatedSteps(state, candidateId),
      this.catalogChanges(session, state),
    ]);
    return [...outdated, ...changes.map((change) => change.step)];
  }

  private async catalogChanges(session: string, state: EnrollmentState) {
    const catalog = await this.decisions.catalog(session);
    const chosen = state.site;
    const free = chosen ? await this.freePlaces(session, chosen.areaCode) : [];
    return catalogChanges(session, state, catalog, free);
  }

  private async freePlaces(session: string, areaCode: string) {
    await this.readYourWrites.seatsCaughtUp(session, areaCode);
    return this.queries.sites(session, areaCode);
  }

  private async reviewLocals(req: Request, session: string) {
    const id = signedIn(req).id;
    const state = await this.decisions.load(session, id);
    // Only a draft or a rejected enrollment is (re)submitted here; the others are done with this page.
    const editable = changeable(state.status).steps;
    const outdated = await this.steps.outdatedSteps(state, id);
    const complete = editable && nextStep(state) === 7;
    const changes = complete ? await this.catalogChanges(session, state) : [];
    return {
      title: '核对报名信息',
      sessionCode: session,
      rows: reviewRows(session, state),
      // The guide counts the check before 提交 as the end of step 6 (“报名的最后一步”).
      // A step to redo (out of date, or no longer meeting the catalog) is not shown as done.
      steps: enrollmentSteps(session, state, [...outdated, ...changes.map((change) => change.step)]),
      // Once submitted there is no step left to do: the bar shows them done, none current.
      current: editable || state.status === 'none' ? Math.min(nextStep(state), 6) : 7,
      state,
      // Not started: 继续填写 leads to the pledge.
      unfinished: editable || state.status === 'none',
      statusLabel: statusLabel(state.status),
      complete,
      // Corrected on 个人信息 after the step was confirmed: the form still holds the old copy.
      outdated: outdatedLinks(session, state, outdated),
      // Changed in the catalog since the steps were taken: said here rather than by 提交's refusal.
      catalogChanges: changes,
    };
  }

  private async changeSiteLocals(req: Request, session: string, area: string) {
    const [state, catalog] = await Promise.all([
      this.decisions.load(session, signedIn(req).id),
      this.decisions.catalog(session),
    ]);
    const areaCode = area || state.site?.areaCode || '';
    // Not submitted, rejected, past the deadline or numbered: the reason, not a form 确认修改 would be refused on.
    const windows = catalog.session.windows;
    const refusal = refusalOf(() => requireSiteChangeable({ ...commandContext(req), windows }, state));
    const sites = areaCode && !refusal ? await this.freePlaces(session, areaCode) : [];
    return {
      title: '修改考点',
      sessionCode: session,
      state,
      refusal,
      // A move sends the enrollment back to review at the new site: an approval does not travel with it.
      approved: state.status === 'approved',
      areaOptions: areaOptions(catalog, areaCode),
      areaCode,
      sites: sites.filter((site) => site.open && (site.remaining > 0 || site.siteCode === state.seatSiteCode)),
    };
  }
}

function checkStep(n: number): 2 | 3 | 4 | 5 | 6 {
  if (n < 2 || n > 6) throw new NotFoundError();
  return n as 2 | 3 | 4 | 5 | 6;
}
