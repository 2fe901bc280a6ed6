import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import { Inject, Injectable } from '@nestjs/common';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import type { StaffScope } from '../../infrastructure/http/principal';
import { AppError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { parseEnrollmentId } from '../enrollment-ids';
import { siteScopeOf } from '../staff-review/enrollment-review.service';
import { EnrollmentQueries } from '../enrollment-queries';
import { CatalogQueries } from '../../catalog/catalog-queries';
import { isCurrent, latestAllocations, type ApprovedEnrollment } from './ticket-allocation';
import {
  legacyTicketBatchStream,
  ticketBatchDecider,
  ticketYearStream,
  yearTickets,
  type SessionTicket,
} from './ticket-batch.decider';

export interface TicketBatchReport {
  allocated: number;
  issued: number;
  /** Approved enrollments left without a number this run: a stable code and why, in Chinese. */
  skipped: Array<{ enrollmentId: string; code: string; message: string }>;
  lastPosition: bigint | null;
  /** Stopped by its signal (the app shutting down) before every number was recorded. */
  interrupted: boolean;
}

export interface TicketBatchProgress {
  phase: 'numbering' | 'recording';
  approved: number;
  allocated: number;
  processed: number;
  issued: number;
  skipped: TicketBatchReport['skipped'];
}

/** How a run in the background follows and stops a batch. */
export interface TicketBatchWatch {
  onProgress?(progress: TicketBatchProgress): void;
  /**
   * Checked while reading, before numbering and before each enrollment's record: what was
   * recorded stays, a later run completes it.
   */
  signal?: AbortSignal;
}

/**
 * Issues the admission tickets of a session (within the staff member's scope) in one batch:
 * number the approved enrollments on the batch stream, then record each number on its
 * enrollment. Running it again numbers only newcomers (and enrollments whose site or category
 * changed since their number) and completes what an interrupted run left. Enrollments past a
 * site and category's 999 numbers are reported as skipped (TICKET_SEQUENCE_EXHAUSTED).
 */
@Injectable()
export class TicketBatch {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly decisions: EnrollmentDecisions,
    private readonly queries: EnrollmentQueries,
    private readonly catalogs: CatalogQueries,
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
  ) {}

  async issue(
    sessionCode: string,
    scope: StaffScope | undefined,
    context: CommandContext,
    watch: TicketBatchWatch = {},
  ): Promise<TicketBatchReport> {
    const catalog = await this.decisions.catalog(sessionCode);
    const approved: ApprovedEnrollment[] = [];
    for await (const row of this.queries.allRows({ sessionCode, status: 'approved' }, scope)) {
      if (watch.signal?.aborted) break;
      if (!row.ticketNumber)
        approved.push({
          enrollmentId: row.enrollmentId,
          siteCode: row.siteCode,
          categoryCode: row.categoryCode,
          submittedAt: row.submittedAt,
        });
    }
    // Stopped before numbering: nothing was written, a later run starts afresh.
    if (watch.signal?.aborted) return { allocated: 0, issued: 0, skipped: [], lastPosition: null, interrupted: true };
    const year = catalog.session.year;
    const progress = (phase: TicketBatchProgress['phase'], report?: TicketBatchReport, processed = 0): void =>
      watch.onProgress?.({
        phase,
        approved: approved.length,
        allocated: report?.allocated ?? 0,
        processed,
        issued: report?.issued ?? 0,
        skipped: report?.skipped ?? [],
      });
    progress('numbering');
    const legacy = await this.legacyTickets(sessionCode, year);
    const batch = await this.handler.handle(
      ticketYearStream(year),
      ticketBatchDecider,
      { type: 'AllocateTickets', sessionCode, year, approved, legacy },
      context,
    );
    const report: TicketBatchReport = {
      allocated: batch.events.reduce((n, e) => n + e.data.tickets.length, 0),
      issued: 0,
      skipped: [],
      lastPosition: batch.position,
      interrupted: false,
    };
    const latest = latestAllocations(
      yearTickets(batch.state, legacy).filter((ticket) => ticket.sessionCode === sessionCode),
    );
    const deciderScope = siteScopeOf({ role: 'staff', scope });
    for (const [index, enrollment] of approved.entries()) {
      progress('recording', report, index);
      if (watch.signal?.aborted) {
        report.interrupted = true;
        break;
      }
      const ticket = latest.get(enrollment.enrollmentId);
      if (!isCurrent(ticket, enrollment)) {
        report.skipped.push({
          enrollmentId: enrollment.enrollmentId,
          code: 'TICKET_SEQUENCE_EXHAUSTED',
          message: `考点${enrollment.siteCode}类别${enrollment.categoryCode}的准考证号（001–999）已用完，未分配`,
        });
        continue;
      }
      const { candidateId } = parseEnrollmentId(ticket.enrollmentId);
      try {
        const { ticketNumber, siteCode, room, seat } = ticket;
        const result = await this.decisions.execute(
          sessionCode,
          candidateId,
          {
            type: 'IssueAdmissionTicket',
            ticketNumber,
            siteCode,
            room,
            seat,
            scope: deciderScope,
            accountSuspended: (await this.profiles.get(candidateId))?.accountSuspended === true,
          },
          context,
        );
        if (result.events.length > 0) report.issued += 1;
        if (result.position !== null) report.lastPosition = result.position;
      } catch (error) {
        // Withdrawn or moved since it was numbered: its number stays unused.
        if (!(error instanceof AppError) || error.httpStatus >= 500) throw error;
        report.skipped.push({ enrollmentId: ticket.enrollmentId, code: error.code, message: error.message });
      }
    }
    if (!report.interrupted) progress('recording', report, approved.length);
    return report;
  }

  /**
   * The numbers of the year's sessions on the streams written before the year stream. The other
   * sessions of the year are found on the catalog read model, which is durable and holds every
   * session an earlier version scheduled (it is rebuilt only with the app stopped).
   */
  private async legacyTickets(sessionCode: string, year: number): Promise<SessionTicket[]> {
    const others = (await this.catalogs.listSessions())
      .filter((view) => view.session.year === year && view.session.sessionCode !== sessionCode)
      .map((view) => view.session.sessionCode);
    const tickets: SessionTicket[] = [];
    for (const code of [sessionCode, ...others]) {
      const { state } = await this.handler.load(legacyTicketBatchStream(code), ticketBatchDecider);
      // Those streams' events name their session: the fold tags each number with it.
      tickets.push(...state.tickets);
    }
    return tickets;
  }
}
