import { Inject, Injectable, Logger } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { newId } from '../../shared/ids';
import type { CommandContext } from '../../shared/messages';
import {
  ENROLLMENT_TABLE_COLLECTION,
  type EnrollmentRow,
} from '../../../projections/enrollment-table/enrollment-table.projection';
import {
  SEAT_HOLDS_COLLECTION,
  type SeatHoldDocument,
} from '../../../projections/site-occupancy/site-occupancy.projection';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { parseEnrollmentId } from '../enrollment-ids';
import { reliesOn } from '../enrollment.state';
import { SeatLedger } from './seat-ledger.service';
import { EnrollmentHolds, RECONCILER, type RestoreOutcome } from './enrollment-holds';

/** A hold younger than this may belong to a submission or change of site still in flight. */
export const DEFAULT_HOLD_GRACE_MS = 30_000;

/**
 * An enrollment's holds, by the enrollment id alone: with `released: false` in the filter too,
 * SQLite (without statistics) may search the `released` index instead and read most holds of
 * the session for every submission. Released holds are dropped after the read.
 */
export const holdsOf = (enrollmentId: string) => ({ enrollmentId });

/**
 * Heals seats held for an enrollment that does not reference them (a submission or change of site
 * that stopped half way). The read model only finds candidates; whether a seat is dangling is
 * decided on the enrollment stream, and the release goes through the seat decider.
 */
@Injectable()
export class SeatReconciler {
  private readonly logger = new Logger(SeatReconciler.name);
  graceMs = DEFAULT_HOLD_GRACE_MS;
  sweepPageSize = 500;
  sweepPages = 10;
  /** The enrollment id the last sweep stopped after ('' : from the start). */
  private sweepCursor = '';
  private readonly enrollmentHolds: EnrollmentHolds;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
  ) {
    this.enrollmentHolds = new EnrollmentHolds(decisions, seats);
  }

  /**
   * Releases the dangling holds of one enrollment (returns how many), and takes again the hold it
   * relies on if that was released.
   */
  async reconcile(enrollmentId: string, now: Date, context?: CommandContext): Promise<number> {
    const holds = await (await this.holds()).find({ filter: holdsOf(enrollmentId) });
    const released = await this.releaseDangling(
      holds.filter((hold) => !hold.released),
      now,
      context,
    );
    // Also after a release of its own: the enrollment may have come to rely on that hold meanwhile.
    await this.restoreRelied(enrollmentId, now, context?.correlationId ?? newId());
    return released.length;
  }

  /**
   * The periodic sweep over the holds older than the grace period: up to `sweepPages` reads of
   * `sweepPageSize` holds (released ones included), in enrollment order, going on where the last
   * sweep stopped and starting over once it reached the end. Holds of submitted enrollments stay
   * unreleased for good, so a sweep that always read the first holds would never reach a
   * dangling one behind them.
   */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.graceMs).toISOString();
    let released = 0;
    for (let page = 0; page < this.sweepPages; page++) {
      // A range of the enrollmentId index; released and fresh holds are dropped after the read
      // (filtering on them in SQL would make SQLite sort every unreleased hold for each page).
      const holds = await (
        await this.holds()
      ).find({
        filter: { enrollmentId: { $gt: this.sweepCursor } },
        sort: [['enrollmentId', 1]],
        limit: this.sweepPageSize,
      });
      const full = holds.length === this.sweepPageSize;
      const first = holds[0]?.enrollmentId;
      if (full && holds[holds.length - 1].enrollmentId === first) {
        // One enrollment fills the page (hundreds of changes of site): all its holds, read at once.
        released += await this.reconcile(first, now);
        this.sweepCursor = first;
        continue;
      }
      const batch = full ? wholeEnrollments(holds) : holds;
      const candidates = batch.filter((hold) => !hold.released && hold.heldAt < before);
      const releasedFrom = await this.releaseDangling(await this.unreferenced(candidates), now);
      // An enrollment may have come to rely on a hold after it was read: then it is taken again.
      for (const enrollmentId of new Set(releasedFrom)) await this.restoreRelied(enrollmentId, now, newId());
      released += releasedFrom.length;
      if (!full) {
        this.sweepCursor = '';
        break;
      }
      this.sweepCursor = batch[batch.length - 1].enrollmentId;
    }
    return released;
  }

  private holds() {
    return this.readStore.collection<SeatHoldDocument>(SEAT_HOLDS_COLLECTION);
  }

  /**
   * The holds whose enrollment, as the enrollment table shows it, does not hold its seat there.
   * The table may lag: a hold it shows referenced is looked at again next round, and one it shows
   * unreferenced is checked on the enrollment stream before anything is released.
   */
  private async unreferenced(holds: SeatHoldDocument[]): Promise<SeatHoldDocument[]> {
    if (holds.length === 0) return holds;
    const table = await this.readStore.collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION);
    // By the rows' ids (their enrollment ids): a filter on the field would read the whole table.
    const rows = await table.getMany([...new Set(holds.map((hold) => hold.enrollmentId))]);
    const states = new Map(rows.map(({ doc }) => [doc.enrollmentId, doc.state]));
    return holds.filter((hold) => {
      const state = states.get(hold.enrollmentId);
      return !state || !reliesOn(state, heldSeat(hold));
    });
  }

  private restoreRelied(enrollmentId: string, now: Date, correlationId: string): Promise<RestoreOutcome> {
    const { sessionCode, candidateId } = parseEnrollmentId(enrollmentId);
    return this.enrollmentHolds.restoreRelied(sessionCode, candidateId, now, correlationId);
  }

  /** Releases the holds no enrollment relies on; returns the enrollment of each hold released. */
  private async releaseDangling(holds: SeatHoldDocument[], now: Date, context?: CommandContext): Promise<string[]> {
    const released: string[] = [];
    for (const hold of holds) {
      if (now.getTime() - Date.parse(hold.heldAt) < this.graceMs) continue;
      const { sessionCode, candidateId } = parseEnrollmentId(hold.enrollmentId);
      const state = await this.decisions.load(sessionCode, candidateId);
      if (reliesOn(state, heldSeat(hold))) continue;
      // The release names this hold: one the enrollment took meanwhile (a retried 提交) stays.
      const events = await this.seats.execute(
        {
          type: 'ReleaseSeat',
          sessionCode,
          siteCode: hold.siteCode,
          enrollmentId: hold.enrollmentId,
          holdId: hold.holdId ?? '',
          reason: 'healed',
        },
        // The release is the system's, not the candidate's whose command came upon it (same correlation).
        { actor: RECONCILER, correlationId: context?.correlationId ?? newId(), now },
      );
      if (events.length > 0) {
        released.push(hold.enrollmentId);
        this.logger.warn(`Released a dangling hold at site ${hold.siteCode} for enrollment ${hold.enrollmentId}`);
      }
    }
    return released;
  }
}

const heldSeat = (hold: SeatHoldDocument) => ({ siteCode: hold.siteCode, seatHoldId: hold.holdId ?? '' });

/** A full page of several enrollments without the holds of its last one (read whole next time). */
function wholeEnrollments(holds: SeatHoldDocument[]): SeatHoldDocument[] {
  const last = holds[holds.length - 1].enrollmentId;
  return holds.filter((hold) => hold.enrollmentId !== last);
}
