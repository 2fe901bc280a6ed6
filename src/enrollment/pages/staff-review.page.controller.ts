import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import { STATUS_LABELS } from '../enrollment-csv';
import { EnrollmentQueries, SORTABLE_COLUMNS, type TableQuery } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { signedIn } from '../signed-in';
import { EnrollmentReview } from '../staff-review/enrollment-review.service';
import { DEFAULT_SESSION } from '../staff-review/staff-review.api.controller';
import { TicketBatch } from '../tickets/ticket-batch.service';
import { renderRefusal, text, type Form } from './enrollment-page-helpers';

const COLUMNS: Array<{ key: (typeof SORTABLE_COLUMNS)[number]; label: string }> = [
  { key: 'candidateName', label: '姓名' },
  { key: 'categoryCode', label: '报考类别' },
  { key: 'siteCode', label: '考点' },
  { key: 'status', label: '状态' },
  { key: 'submittedAt', label: '提交时间' },
  { key: 'ticketNumber', label: '准考证号' },
];

function tableQuery(query: Form): TableQuery {
  const sort = text(query, 'sort') as TableQuery['sort'];
  return {
    sessionCode: /^[A-Za-z0-9]{4,16}$/.test(text(query, 'session')) ? text(query, 'session') : DEFAULT_SESSION,
    areaCode: /^\d{2}$/.test(text(query, 'area')) ? text(query, 'area') : undefined,
    siteCode: /^\d{4}$/.test(text(query, 'site')) ? text(query, 'site') : undefined,
    status: text(query, 'status') in STATUS_LABELS ? text(query, 'status') : undefined,
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
    private readonly tickets: TicketBatch,
    private readonly readYourWrites: EnrollmentReadYourWrites,
  ) {}

  @Get()
  async list(@Req() req: Request, @Query() query: Form, @Res() res: Response) {
    res.render('staff/review/index', await this.locals(req, query, { notice: text(query, 'notice') }));
  }

  @Post(':session/:candidate')
  async decide(
    @Req() req: Request,
    @Param('session') session: string,
    @Param('candidate') candidate: string,
    @Body() form: Form,
    @Res() res: Response,
  ) {
    const outcome = text(form, 'outcome') === 'reject' ? 'reject' : 'approve';
    try {
      const result = await this.review.decide(
        session,
        candidate,
        outcome,
        text(form, 'reason'),
        signedIn(req),
        commandContext(req),
      );
      await this.readYourWrites.waitFor(result.position);
      res.redirect(`/staff/review?${text(form, 'back')}${text(form, 'back') ? '&' : ''}notice=${outcome}`, 303);
    } catch (error) {
      // The reason box of this row carries the candidate's id, so the error summary can link to it.
      for (const field of (error as { fields?: Array<{ field: string }> }).fields ?? [])
        if (field.field === 'reason') field.field = `reason-${candidate}`;
      renderRefusal(res, 'staff/review/index', error, await this.locals(req, form));
    }
  }

  @Post(':session/tickets/issue')
  async issue(@Req() req: Request, @Param('session') session: string, @Res() res: Response) {
    const report = await this.tickets.issue(session, signedIn(req).scope, commandContext(req));
    await this.readYourWrites.waitFor(report.lastPosition);
    res.render('staff/review/tickets', { title: '发放准考证号', sessionCode: session, report });
  }

  private async locals(req: Request, query: Form, extra: Record<string, unknown> = {}) {
    const principal = signedIn(req);
    const table = tableQuery(query);
    const page = await this.queries.page(table, principal.scope);
    return {
      title: '资格审核',
      query: table,
      scope: principal.scope,
      csvHref: `/api/staff/enrollments.csv?${queryString(table, { page: '' })}`,
      statusOptions: Object.entries(STATUS_LABELS)
        .filter(([value]) => value !== 'none' && value !== 'draft')
        .map(([value, label]) => ({ value, label, selected: value === table.status })),
      columns: COLUMNS.map((column) => ({
        ...column,
        href: `/staff/review?${queryString(table, { sort: column.key, order: table.sort === column.key && table.order === 1 ? 'desc' : 'asc', page: 1 })}`,
        ariaSort: table.sort === column.key ? (table.order === 1 ? 'ascending' : 'descending') : undefined,
      })),
      rows: page.rows.map((row) => ({
        ...row,
        statusLabel: STATUS_LABELS[row.status] ?? row.status,
        submittedAtText: row.submittedAt ? formatBeijingTime(row.submittedAt) : '',
        reviewable: row.status === 'submitted' || row.status === 'approved' || row.status === 'rejected',
        back: queryString(table, {}),
      })),
      total: page.total,
      page: page.page,
      pages: page.pages,
      previousHref: page.page > 1 ? `/staff/review?${queryString(table, { page: page.page - 1 })}` : undefined,
      nextHref: page.page < page.pages ? `/staff/review?${queryString(table, { page: page.page + 1 })}` : undefined,
      ...extra,
    };
  }
}
