import { Injectable } from '@nestjs/common';
import type { StaffScope } from '../../infrastructure/http/principal';
import type { CommandContext } from '../../shared/messages';
import type { EnrollmentRow } from '../../../projections/enrollment-table/enrollment-table.projection';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentId } from '../enrollment.events';
import { heldSeatOf, type EnrollmentState } from '../enrollment.state';
import { EnrollmentQueries } from '../enrollment-queries';
import { EnrollmentHolds } from '../seats/enrollment-holds';
import { SeatLedger } from '../seats/seat-ledger.service';
import type { SeatState } from '../seats/seat.decider';

/** An enrollment that relies on a seat its site's ledger does not hold for it. */
export interface SeatlessEnrollment {
  candidateId: string;
  candidateName: string;
  idNumberMasked: string;
  status: string;
  siteCode: string;
  siteName: string;
  areaName: string;
}

export interface SeatRestoreReport {
  /** Enrollments that hold their seat again. */
  seated: number;
  /** Enrollments still without one (their site is full). */
  seatless: number;
}

/**
 * 座位核对: enrollments left without the seat they rely on. This happens only when a command
 * stalled past the grace period, a reconciler released its hold, and the site filled before the
 * hold could be taken again (see EnrollmentHolds.restoreRelied); staff then take it again once a
 * seat is free, or move the candidate. Found on the enrollment table, each confirmed on its
 * enrollment stream and its site's ledger, so a lagging read model lists nobody wrongly.
 */
@Injectable()
export class SeatCheck {
  private readonly holds: EnrollmentHolds;

  constructor(
    private readonly queries: EnrollmentQueries,
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
  ) {
    this.holds = new EnrollmentHolds(decisions, seats);
  }

  async seatless(sessionCode: string, scope: StaffScope | undefined): Promise<SeatlessEnrollment[]> {
    const holders = new Map<string, Promise<SeatState['holders']>>();
    const holdsSeat = async (candidateId: string, state: EnrollmentState) => {
      const seat = heldSeatOf(state);
      if (!seat) return true;
      if (!holders.has(seat.siteCode))
        holders.set(
          seat.siteCode,
          this.seats.held(sessionCode, seat.siteCode).then((site) => site.holders),
        );
      const held = (await holders.get(seat.siteCode))!.get(enrollmentId(sessionCode, candidateId));
      return held?.includes(seat.seatHoldId) ?? false;
    };
    const suspects: EnrollmentRow[] = [];
    for await (const row of this.queries.allRows({ sessionCode }, scope))
      if (!(await holdsSeat(row.candidateId, row.state))) suspects.push(row);
    holders.clear(); // the confirmation reads the ledgers again, after the enrollments
    const found: SeatlessEnrollment[] = [];
    for (const row of suspects) {
      const state = await this.decisions.load(sessionCode, row.candidateId);
      if (await holdsSeat(row.candidateId, state)) continue;
      found.push({
        candidateId: row.candidateId,
        candidateName: row.candidateName,
        idNumberMasked: row.idNumberMasked,
        status: state.status,
        siteCode: row.siteCode,
        siteName: row.siteName,
        areaName: row.areaName,
      });
    }
    return found;
  }

  /** Takes again, where a seat is free now, the seat each seatless enrollment in scope relies on. */
  async restore(
    sessionCode: string,
    scope: StaffScope | undefined,
    context: CommandContext,
  ): Promise<SeatRestoreReport> {
    const report: SeatRestoreReport = { seated: 0, seatless: 0 };
    for (const { candidateId } of await this.seatless(sessionCode, scope)) {
      const seated = await this.holds.restoreRelied(
        sessionCode,
        candidateId,
        context.now,
        context.correlationId,
        context.actor,
      );
      if (seated) report.seated++;
      else report.seatless++;
    }
    return report;
  }
}
