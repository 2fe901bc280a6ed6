import { Injectable } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentId, type HeldSeat } from '../enrollment.events';
import { heldSeatOf, type EnrollmentState } from '../enrollment.state';
import { EnrollmentQueries } from '../enrollment-queries';
import { siteInScope } from '../enrollment-rules';
import { EnrollmentHolds } from '../seats/enrollment-holds';
import { SeatLedger } from '../seats/seat-ledger.service';
import type { SeatState } from '../seats/seat.decider';
import { siteScopeOf } from '../staff-review/enrollment-review.service';

type Staff = Pick<Principal, 'role' | 'scope'>;

/** An enrollment that relies on a seat its site's ledger does not hold for it. */
export interface SeatlessEnrollment {
  candidateId: string;
  candidateName: string;
  idNumberMasked: string;
  status: string;
  seat: HeldSeat;
  siteName: string;
  areaName: string;
  /** Seats free at the site now: 重新占座 seats this many of its seatless enrollments. */
  siteRemaining: number;
}

export interface SeatRestoreReport {
  /** Enrollments that hold their seat now (taken again here, or meanwhile by someone else). */
  seated: number;
  /** Enrollments still without one (their site is full). */
  seatless: number;
}

const holdsIn = (site: SeatState, id: string, seat: HeldSeat) =>
  site.holders.get(id)?.includes(seat.seatHoldId) ?? false;

/**
 * 座位核对: enrollments left without the seat they rely on. This happens only when a command
 * stalled past the grace period, a reconciler released its hold, and the site filled before the
 * hold could be taken again (see EnrollmentHolds.restoreRelied); staff take it again once a seat
 * is free, or move the candidate. Found on the enrollment table, each confirmed on its enrollment
 * stream and then its site's ledger, so a row the table has not yet updated is not listed.
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

  /** Oldest submission first: the order in which 重新占座 gives out free seats. */
  async seatless(sessionCode: string, staff: Staff): Promise<SeatlessEnrollment[]> {
    const catalog = await this.decisions.catalog(sessionCode); // an unknown session: SESSION_NOT_FOUND
    const scope = siteScopeOf(staff);
    const ledgers = new Map<string, Promise<SeatState>>();
    const ledger = (siteCode: string) => {
      if (!ledgers.has(siteCode)) ledgers.set(siteCode, this.seats.held(sessionCode, siteCode));
      return ledgers.get(siteCode)!;
    };
    const holdsSeat = async (candidateId: string, state: EnrollmentState) => {
      const seat = heldSeatOf(state);
      return !seat || holdsIn(await ledger(seat.siteCode), enrollmentId(sessionCode, candidateId), seat);
    };
    const query = { sessionCode, sort: 'submittedAt', order: 1 } as const;
    const suspects: Array<{ candidateId: string; candidateName: string; idNumberMasked: string }> = [];
    for await (const row of this.queries.allRows(query, scope === 'all' ? undefined : scope))
      if (!(await holdsSeat(row.candidateId, row.state))) suspects.push(row);
    const found: SeatlessEnrollment[] = [];
    for (const { candidateId, candidateName, idNumberMasked } of suspects) {
      const state = await this.decisions.load(sessionCode, candidateId);
      const seat = heldSeatOf(state);
      if (!seat || !siteInScope(scope, seat.siteCode)) continue;
      // The ledger read after the enrollment: a hold taken before the enrollment was read is seen.
      const site = await this.seats.held(sessionCode, seat.siteCode);
      if (holdsIn(site, enrollmentId(sessionCode, candidateId), seat)) continue;
      const catalogSite = catalog.sites[seat.siteCode];
      found.push({
        candidateId,
        candidateName,
        idNumberMasked,
        status: state.status,
        seat,
        siteName: catalogSite?.name ?? '',
        areaName: catalog.areas[catalogSite?.areaCode ?? '']?.name ?? '',
        siteRemaining: Math.max(0, (site.capacity ?? catalogSite?.capacity ?? 0) - site.held),
      });
    }
    return found;
  }

  /** Takes again, where its site has a seat free now, the seat each listed enrollment relies on. */
  async restore(sessionCode: string, staff: Staff, context: CommandContext): Promise<SeatRestoreReport> {
    const report: SeatRestoreReport = { seated: 0, seatless: 0 };
    for (const { candidateId, seat } of await this.seatless(sessionCode, staff)) {
      const outcome = await this.holds.restoreRelied(sessionCode, candidateId, context.now, context.correlationId, {
        by: context.actor,
        expected: seat,
      });
      if (outcome === 'restored' || outcome === 'held') report.seated++;
      else if (outcome === 'failed') report.seatless++;
    }
    return report;
  }
}
