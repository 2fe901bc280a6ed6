import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { enrollmentStream } from '../enrollment.events';
import { staffActions } from './staff-action-log';
import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import { STATUS_LABELS, statusLabel } from '../enrollment-status-labels';
import { EnrollmentQueries, SORTABLE_COLUMNS, type TableQuery } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { signedIn } from '../signed-in';
import { BATCH_APPROVAL_LIMIT, EnrollmentReview } from '../staff-review/enrollment-review.service';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { CatalogQueries } from '../../catalog/catalog-queries';
import { placeNamesOf, scopeText } from '../../catalog/catalog-place-names';
import { currentDecision, currentRow, currentTicket } from '../enrollment-view';
import { awaitingResubmission, filedSiteCodeOf, pendingSiteChoice } from '../enrollment.state';
import { ACTIVE } from '../enrollment.decider';
import { ValidationError } from '../../shared/errors';
import { TicketBatchRuns } from '../tickets/ticket-batch-runs.service';
import { ticketRunLocals } from './ticket-runs.page.controller';
import { list, renderRefusal, revisionOf, text, type Form } from './enrollment-page-helpers';
import { placeOf, requireVisible, staffReviewRows } from './staff-review-views';
import { StaffPhotos } from '../staff-photo/staff-photos.service';
import { FullIdNumbers } from '../staff-review/full-id-numbers';
import { DirectoryCatalog } from '../../directory/directory-catalog.service';
import { staffFilterOptions, staffSessionOptions, withinScope } from './staff-sessions';
import { defaultStaffSession } from '../staff-default-session';
import { seenRevisionOf } from '../seen-revision';

const COLUMNS: Array<{ key: (typeof SORTABLE_COLUMNS)[number]; label: string }> = [
  { key: 'candidateName', label: '姓名' },
  { key: 'categoryCode', label: '报考类别' },
  { key: 'siteCode', label: '考点' },
  { key: 'status', label: '状态' },
  { key: 'submittedAt', label: '提交时间' },
  { key: 'ticketNumber', label: '准考证号' },
];

function tableQuery(query: Form, defaultSession: string): TableQuery {
  const sort = text(query, 'sort') as TableQuery['sort'];
  return {
    sessionCode: /^[A-Za-z0-9]{4,16}$/.test(text(query, 'session')) ? text(query, 'session') : defaultSession,
    areaCode: /^\d{2}$/.test(text(query, 'area')) ? text(query, 'area') : undefined,
    siteCode: /^\d{4}$/.test(text(query, 'site')) ? text(query, 'site') : undefined,
    status: Object.hasOwn(STATUS_LABELS, text(query, 'status')) ? text(query, 'status') : undefined,
    categoryCode: /^\d{3}$/.test(text(query, 'category')) ? text(query, 'category') : undefined,
    sort: SORTABLE_COLUMNS.includes(sort!) ? sort : 'submittedAt',
    order: text(query, 'order') === 'asc' ? 1 : -1,
    page: Number(text(query, 'page')) || 1,
    pageSize: 20,
  };
}

function queryString(query: TableQuery, change: Record<string, string | number>): string {
  const params = new URLSearchParams();
  const base = {
    session: query.sessionCode,
    area: query.areaCode,
    site: query.siteCode,
    status: query.status,
    category: query.categoryCode,
    sort: query.sort,
    order: query.order === 1 ? 'asc' : 'desc',
    page: query.page,
  };
  for (const [key, value] of Object.entries({ ...base, ...change }))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return params.toString();
}

/** 资格审核 for staff: the enrollment-table of their scope, decisions with reasons, tickets. */
@ApiExcludeController()
@Roles('staff', 'admin')
@Controller('staff/review')
export class StaffReviewPageController {
  constructor(
    private readonly queries: EnrollmentQueries,
    private readonly review: EnrollmentReview,
    private readonly ticketRuns: TicketBatchRuns,
    private readonly readYourWrites: EnrollmentReadYourWrites,
    private readonly decisions: EnrollmentDecisions,
    private readonly catalogs: CatalogQueries,
    private readonly photos: StaffPhotos,
    private readonly idNumbers: FullIdNumbers,
    private readonly directory: DirectoryCatalog,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  async list(@Req() req: Request, @Query() query: Form, @Res() res: Response) {
    const batch = { approved: Number(text(query, 'approved')) || 0 };
    res.render('staff/review/index', await this.locals(req, query, { notice: text(query, 'notice'), batch }));
  }

  /** One enrollment, the whole form as submitted, with the decision form pinned to what is shown. */
  @Get(':session/:candidate')
  async detail(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Query() query: Form,
    @Res() res: Response,
  ) {
    const locals = await this.detailLocals(req, session, candidate, { notice: text(query, 'notice') });
    res.render(DETAIL_VIEW, { ...locals, back: text(query, 'back') });
  }

  @Post(':session/:candidate')
  async decide(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Body() form: Form,
    @Res() res: Response,
  ) {
    const fromDetail = text(form, 'from') === 'detail';
    const back = text(form, 'back');
    try {
      const outcome = outcomeOf(form);
      const result = await this.review.decide(
        session,
        candidate,
        outcome,
        text(form, 'reason'),
        signedIn(req),
        commandContext(req),
        revisionOf(form),
      );
      await this.readYourWrites.waitFor(result.position);
      if (fromDetail)
        res.redirect(`${detailPath(session, candidate)}?${new URLSearchParams({ back, notice: outcome })}`, 303);
      else res.redirect(`/staff/review?${queryString(tableQuery(queryOf(back), session), {})}&notice=${outcome}`, 303);
    } catch (error) {
      if (fromDetail) {
        // Withdrawn and started again, the enrollment has no page for staff: the list says what happened.
        // Shown again with the number masked: bad input records no look-up (opening the page did).
        const locals = await this.detailLocals(req, session, candidate, { back, values: form }, false).catch(
          () => null,
        );
        if (locals) return renderRefusal(res, DETAIL_VIEW, error, locals);
        return renderRefusal(res, 'staff/review/index', error, await this.locals(req, { session, ...queryOf(back) }));
      }
      // The reason box of this row carries the candidate's id, so the error summary can link to it.
      for (const field of (error as { fields?: Array<{ field: string }> }).fields ?? [])
        if (field.field === 'reason') field.field = `reason-${candidate}`;
      renderRefusal(res, 'staff/review/index', error, await this.locals(req, { session, ...queryOf(back), ...form }));
    }
  }

  /**
   * 通过所选: the rows ticked on the list, each pinned to the revision the list showed. All approved:
   * back to the list with the count; otherwise the list with each refusal named, so staff see
   * which rows to look at (sending the form again repeats nothing: approved ones are not approved twice).
   */
  @Post(':session/approve-batch')
  async approveBatch(@Req() req: Request, @Param('session') session: string, @Body() form: Form, @Res() res: Response) {
    // The list's own query only: a `back` carrying notice or counts of its own changes nothing here.
    const back = queryString(tableQuery(queryOf(text(form, 'back')), session), {});
    try {
      const outcome = await this.review.approveAll(session, selectedOf(form), '', signedIn(req), commandContext(req));
      await this.readYourWrites.waitFor(outcome.position);
      if (outcome.stoppedBy) throw outcome.stoppedBy;
      if (outcome.refused.length === 0) {
        const counts = new URLSearchParams({ notice: 'batch', approved: String(outcome.approved.length) });
        return res.redirect(`/staff/review?${back}&${counts}`, 303);
      }
      // Named as the enrollment holds it only within the scope: an id typed in from elsewhere stays an id.
      const refusals = outcome.refused.map(({ candidateId, candidateName, message }) => ({
        name: candidateName || candidateId,
        message,
      }));
      const batch = { approved: outcome.approved.length, refused: refusals.length, refusals };
      res.status(200).render('staff/review/index', await this.locals(req, queryOf(back), { notice: 'batch', batch }));
    } catch (error) {
      renderRefusal(res, 'staff/review/index', error, await this.locals(req, queryOf(back)));
    }
  }

  private async locals(req: Request, query: Form, extra: Record<string, unknown> = {}) {
    const principal = signedIn(req);
    const views = await this.catalogs.listSessions();
    // 考点 1101 东城区考点 rather than a bare code: named by the newest session that has it.
    const scopeLabel = scopeText(principal.scope, placeNamesOf(views));
    const sessions = views.map((view) => view.session);
    const asked = tableQuery(query, defaultStaffSession(sessions, new Date()));
    const view = views.find((candidate) => candidate.session.sessionCode === asked.sessionCode);
    const table = withinScope(asked, principal.scope, view);
    const page = await this.queries.page(table, principal.scope);
    const back = queryString(table, {});
    const lastTicketRun = await this.ticketRuns.latest(table.sessionCode, principal, new Date());
    return {
      lastTicketRun: lastTicketRun && ticketRunLocals(lastTicketRun),
      title: '资格审核',
      query: table,
      back,
      sessionOptions: staffSessionOptions(sessions, table.sessionCode),
      filters: staffFilterOptions(view, principal.scope, table),
      scope: principal.scope,
      scopeText: scopeLabel,
      csvHref: `/api/staff/enrollments.csv?${queryString(table, { page: '' })}`,
      xlsxHref: `/api/staff/enrollments.xlsx?${queryString(table, { page: '' })}`,
      statusOptions: Object.entries(STATUS_LABELS)
        .filter(([value]) => value !== 'none' && value !== 'draft')
        .map(([value, label]) => ({ value, label })),
      columns: COLUMNS.map((column) => ({
        ...column,
        href: `/staff/review?${queryString(table, { sort: column.key, order: table.sort === column.key && table.order === 1 ? 'desc' : 'asc', page: 1 })}`,
        ariaSort: table.sort === column.key ? (table.order === 1 ? 'ascending' : 'descending') : undefined,
      })),
      rows: page.rows.map(currentRow).map((row) => ({
        ...row,
        revisionText: row.revision === undefined ? '' : String(row.revision),
        awaitingResubmission: awaitingResubmission(row.state),
        statusLabel: statusLabel(row.status),
        submittedAtText: row.submittedAt ? formatBeijingTime(row.submittedAt) : '',
        // Numbered, the approval stands (不通过 is refused): only 报名变更 is offered, as on the detail page.
        reviewable: ACTIVE.includes(row.status) && !row.ticketNumber,
        changeable: ACTIVE.includes(row.status),
        selectable: row.status === 'submitted' && !awaitingResubmission(row.state),
        back,
        detailHref: `/staff/review/${encodeURIComponent(row.sessionCode)}/${encodeURIComponent(row.candidateId)}?${new URLSearchParams({ back })}`,
      })),
      total: page.total,
      page: page.page,
      pages: page.pages,
      previousHref: page.page > 1 ? `/staff/review?${queryString(table, { page: page.page - 1 })}` : undefined,
      nextHref: page.page < page.pages ? `/staff/review?${queryString(table, { page: page.page + 1 })}` : undefined,
      ...extra,
    };
  }

  private async detailLocals(
    req: Request,
    session: string,
    candidate: string,
    extra: Record<string, unknown>,
    withFullIdNumber = true,
  ) {
    const [{ state, revision }, catalog] = await Promise.all([
      this.decisions.loadWithRevision(session, candidate),
      this.decisions.catalog(session),
    ]);
    requireVisible(signedIn(req), state);
    // Only after the scope check: staff outside it learn nothing, the full number least of all.
    const fullIdNumber = withFullIdNumber
      ? await this.idNumbers.of(candidate, session, state, commandContext(req))
      : undefined;
    const pending = pendingSiteChoice(state);
    const decision = currentDecision(state);
    const photo = await this.photos.shownWith(candidate, state);
    const actions = staffActions(await this.store.readStream(enrollmentStream(session, candidate)));
    const ticket = currentTicket(state);
    return {
      title: '报名详情',
      sessionCode: session,
      candidateId: candidate,
      name: state.basicInfo?.fullName ?? '',
      rows: [
        ...staffReviewRows(
          state,
          placeOf(catalog, filedSiteCodeOf(state)),
          fullIdNumber,
          (kind, name) => !!this.directory.findExact(kind, name),
        ),
        ...(pending ? [{ key: '考生改选（未重新提交）', value: `${pending.areaName} ${pending.siteName}` }] : []),
        { key: '状态', value: statusLabel(state.status) },
        ...(decision ? [{ key: '审核意见', value: decision.reason || '（无）' }] : []),
        {
          key: '准考证号',
          value: ticket ? `${ticket.ticketNumber}（第${ticket.room}考场 ${ticket.seat}号）` : '尚未发放',
        },
      ],
      photo: { ...photo, src: photo.sha256 && `${detailPath(session, candidate)}/photo/${photo.sha256}.jpg` },
      revision: String(revision),
      // Numbered, the approval stands (不通过 is refused): the page says so and points to 报名变更.
      reviewable: ACTIVE.includes(state.status) && !ticket,
      ticketedNumber: ticket?.ticketNumber,
      awaitingResubmission: awaitingResubmission(state),
      actions,
      ...extra,
    };
  }
}

const DETAIL_VIEW = 'staff/review/enrollment';

const detailPath = (session: string, candidate: string) =>
  `/staff/review/${encodeURIComponent(session)}/${encodeURIComponent(candidate)}`;

/** 通过 or 不通过, as the button pressed says; anything else (an old form, Enter in a browser that submits anyway) decides nothing. */
function outcomeOf(form: Form): 'approve' | 'reject' {
  const outcome = text(form, 'outcome');
  if (outcome === 'approve' || outcome === 'reject') return outcome;
  throw new ValidationError([{ field: 'main-content', code: 'OUTCOME_REQUIRED', message: '请点击“通过”或“不通过”' }]);
}

/** The ticked rows (`candidateId@revision`); none ticked, more than a page or a malformed one is a bad request. */
function selectedOf(form: Form): Array<{ candidateId: string; revision?: bigint }> {
  const ticked = list(form, 'select');
  const refuse = (code: string, message: string): never => {
    throw new ValidationError([{ field: 'approve-batch', code, message }]);
  };
  if (ticked.length === 0) refuse('SELECTION_REQUIRED', '请先勾选要审核通过的报名');
  if (ticked.length > BATCH_APPROVAL_LIMIT) refuse('SELECTION_TOO_LARGE', `一次最多审核通过${BATCH_APPROVAL_LIMIT}条`);
  return ticked.map((value) => {
    const [, candidateId, revision] =
      /^([\w-]{1,64})(?:@(\d{1,9}))?$/.exec(value) ?? refuse('SELECTION_INVALID', '所选报名有误，请刷新后重试');
    return { candidateId, revision: seenRevisionOf(revision) };
  });
}

/** The list's query string (the `back` a form carries) as the form fields the list reads. */
function queryOf(back: string): Form {
  return Object.fromEntries(new URLSearchParams(back));
}
