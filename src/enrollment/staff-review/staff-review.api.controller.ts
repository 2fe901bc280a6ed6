import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { APP_LOGGER } from '../../infrastructure/http/app-logger';
import type { Request, Response } from '../../infrastructure/http/http-types';
import { commandContext } from '../../infrastructure/http/command-context';
import { Roles } from '../../infrastructure/http/roles.decorator';
import { csvHeader, csvLine, exportCells, exportHeader, exportWidths } from '../enrollment-csv';
import { XLSX_MAX_ROWS, xlsxStream } from '../../shared/xlsx/xlsx-stream';
import { EnrollmentQueries, type TableQuery } from '../enrollment-queries';
import { EnrollmentReadYourWrites } from '../enrollment-read-your-writes';
import { currentRow, enrollmentViewForStaff } from '../enrollment-view';
import { signedIn } from '../signed-in';
import { TicketBatch } from '../tickets/ticket-batch.service';
import { EnrollmentReview } from './enrollment-review.service';
import { FullIdNumbers } from './full-id-numbers';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { visibleToStaff } from '../pages/staff-review-views';
import { DomainError, NotFoundError } from '../../shared/errors';
import { ApproveBatchDto, EnrollmentTableQueryDto, ReviewDto } from './staff-review.dto';
import { StaffDefaultSession } from '../staff-default-session';
import { seenRevisionOf } from '../seen-revision';
import { ScheduledSessionPipe } from '../scheduled-session.pipe';
import { CatalogReader } from '../../catalog/catalog-reader';
import { NoInputDto } from '../candidate-api/enrollment.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function toTableQuery(dto: EnrollmentTableQueryDto, sessionCode: string): TableQuery {
  return {
    sessionCode,
    areaCode: dto.area,
    siteCode: dto.site,
    status: dto.status,
    categoryCode: dto.category,
    sort: dto.sort,
    order: dto.order === 'asc' ? 1 : -1,
    page: dto.page,
    pageSize: dto.pageSize,
  };
}

/** 资格审核 and 准考证 for staff, limited to their area or site. */
@ApiTags('staff')
@Roles('staff', 'admin')
@Controller('api/staff')
export class StaffReviewApiController {
  constructor(
    private readonly queries: EnrollmentQueries,
    private readonly review: EnrollmentReview,
    private readonly tickets: TicketBatch,
    private readonly readYourWrites: EnrollmentReadYourWrites,
    private readonly decisions: EnrollmentDecisions,
    private readonly defaultSession: StaffDefaultSession,
    private readonly catalogs: CatalogReader,
    private readonly idNumbers: FullIdNumbers,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** Without `session`, the one the staff pages show by default; one named must be scheduled (else 404). */
  private async tableQuery(dto: EnrollmentTableQueryDto): Promise<TableQuery> {
    if (dto.session) await this.catalogs.loadScheduled(dto.session);
    return toTableQuery(dto, await this.defaultSession.or(dto.session));
  }

  @Get('enrollments')
  async list(@Req() req: Request, @Query() query: EnrollmentTableQueryDto) {
    const tableQuery = await this.tableQuery(query);
    const page = await this.queries.page(tableQuery, signedIn(req).scope);
    return {
      sessionCode: tableQuery.sessionCode,
      ...page,
      rows: page.rows.map(currentRow).map(({ state: _state, seatSite: _seatSite, ...row }) => row),
    };
  }

  @Get('enrollments.csv')
  @ApiProduces('text/csv')
  async csv(@Req() req: Request, @Query() query: EnrollmentTableQueryDto, @Res() res: Response) {
    const tableQuery = await this.tableQuery(query);
    const rows = this.queries.allRows(tableQuery, signedIn(req).scope);
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="enrollments-${tableQuery.sessionCode}.csv"`);
    return res.send(
      Readable.from(
        this.loggingFailure(req, 'CSV', async function* lines() {
          yield '\uFEFF' + csvHeader(); // BOM: spreadsheets then read the Chinese as UTF-8
          for await (const row of rows) yield csvLine(currentRow(row));
        }),
      ),
    );
  }

  /** The same rows as an Excel workbook: ticket numbers and ids stay text, as spreadsheets should show them. */
  @Get('enrollments.xlsx')
  @ApiProduces(XLSX_TYPE)
  async xlsx(@Req() req: Request, @Query() query: EnrollmentTableQueryDto, @Res() res: Response) {
    const tableQuery = await this.tableQuery(query);
    const scope = signedIn(req).scope;
    if ((await this.queries.count(tableQuery, scope)) >= XLSX_MAX_ROWS)
      throw new DomainError(
        'EXPORT_TOO_LARGE',
        `超过 Excel 工作表的行数上限（${XLSX_MAX_ROWS - 1} 行），请按考区或考点筛选后导出，或导出 CSV`,
      );
    const rows = this.queries.allRows(tableQuery, scope);
    res.header('Content-Type', XLSX_TYPE);
    res.header('Content-Disposition', `attachment; filename="enrollments-${tableQuery.sessionCode}.xlsx"`);
    const sheet = {
      name: `报名 ${tableQuery.sessionCode}`,
      header: exportHeader(),
      widths: exportWidths(),
      rows: (async function* cells() {
        for await (const row of rows) yield exportCells(currentRow(row));
      })(),
    };
    return res.send(Readable.from(this.loggingFailure(req, 'Excel', () => xlsxStream(sheet))));
  }

  /**
   * Streamed: the export of a whole province never sits in memory at once. The status is sent by
   * then, so a failure part-way can only cut the download off: it is logged here.
   */
  private async *loggingFailure<T>(req: Request, kind: string, produce: () => AsyncIterable<T>) {
    try {
      yield* produce();
    } catch (err) {
      this.logger.error({ err, correlationId: req.correlationId }, `enrollment ${kind} export failed part-way`);
      throw err;
    }
  }

  /**
   * One enrollment as submitted (no drafts), with the revision a decision can be pinned to, and the
   * holder's full 证件号码 in `basicInfo.idNumber` for comparison with the ID card (the list, the
   * exports and the decisions' answers keep it masked).
   */
  @Get('enrollments/:session/:candidate')
  async one(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Param('candidate') candidate: string,
  ) {
    const { state, revision } = await this.decisions.loadWithRevision(session, candidate);
    if (!visibleToStaff(signedIn(req), state))
      throw new NotFoundError('ENROLLMENT_NOT_FOUND', '未找到您负责范围内已提交的该报名');
    const view = enrollmentViewForStaff(session, state);
    const idNumber = await this.idNumbers.of(candidate, session, state, commandContext(req));
    const basicInfo = view.basicInfo && idNumber ? { ...view.basicInfo, idNumber } : view.basicInfo;
    return { ...view, basicInfo, revision: Number(revision) };
  }

  @Post('enrollments/:session/:candidate/approve')
  @HttpCode(200)
  approve(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Param('candidate') candidate: string,
    @Body() body: ReviewDto,
  ) {
    return this.decide(req, session, candidate, 'approve', body);
  }

  @Post('enrollments/:session/:candidate/reject')
  @HttpCode(200)
  reject(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Param('candidate') candidate: string,
    @Body() body: ReviewDto,
  ) {
    return this.decide(req, session, candidate, 'reject', body);
  }

  /** 批量通过: `{ approved: [candidateId], refused: [{ candidateId, code, message }] }`, each refusal on its own. */
  @Post('enrollments/:session/approve-batch')
  @HttpCode(200)
  async approveBatch(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Body() body: ApproveBatchDto,
  ) {
    const selected = body.enrollments.map(({ candidateId, revision }) => ({
      candidateId,
      revision: seenRevisionOf(revision),
    }));
    const outcome = await this.review.approveAll(
      session,
      selected,
      body.reason ?? '',
      signedIn(req),
      commandContext(req),
    );
    await this.readYourWrites.waitFor(outcome.position);
    if (outcome.stoppedBy) throw outcome.stoppedBy;
    const refused = outcome.refused.map(({ candidateId, code, message }) => ({ candidateId, code, message }));
    return { approved: outcome.approved, refused };
  }

  @Post('tickets/:session/issue')
  @HttpCode(200)
  @ApiBody({ type: NoInputDto, required: false })
  async issueTickets(
    @Req() req: Request,
    @Param('session', ScheduledSessionPipe) session: string,
    @Body() _none: NoInputDto,
  ) {
    const report = await this.tickets.issue(session, signedIn(req).scope, commandContext(req));
    await this.readYourWrites.waitFor(report.lastPosition);
    return { allocated: report.allocated, issued: report.issued, skipped: report.skipped };
  }

  private async decide(
    req: Request,
    session: string,
    candidate: string,
    outcome: 'approve' | 'reject',
    { reason, revision }: ReviewDto,
  ) {
    const result = await this.review.decide(
      session,
      candidate,
      outcome,
      reason ?? '',
      signedIn(req),
      commandContext(req),
      seenRevisionOf(revision),
    );
    await this.readYourWrites.waitFor(result.position);
    return enrollmentViewForStaff(session, result.state);
  }
}
