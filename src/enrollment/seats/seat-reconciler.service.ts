import { Inject, Injectable, Logger } from '@nestjs/common';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { newId } from '../../shared/ids';
import type { CommandContext } from '../../shared/messages';
import {
  SEAT_HOLDS_COLLECTION,
  type SeatHoldDocument,
} from '../../../projections/site-occupancy/site-occupancy.projection';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { parseEnrollmentId } from '../enrollment-ids';
import { SeatLedger } from './seat-ledger.service';

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

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
  ) {}

  /** Releases the dangling holds of one enrollment; returns how many. */
  async reconcile(enrollmentId: string, now: Date, context?: CommandContext): Promise<number> {
    const holds = await (await this.holds()).find({ filter: holdsOf(enrollmentId) });
    return this.releaseDangling(
      holds.filter((hold) => !hold.released),
      now,
      context,
    );
  }

  /** The periodic sweep over every hold older than the grace period. */
  async sweep(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.graceMs).toISOString();
    const holds = await (await this.holds()).find({ filter: { released: false, heldAt: { $lt: before } }, limit: 500 });
    return this.releaseDangling(holds, now);
  }

  private holds() {
    return this.readStore.collection<SeatHoldDocument>(SEAT_HOLDS_COLLECTION);
  }

  private async releaseDangling(holds: SeatHoldDocument[], now: Date, context?: CommandContext): Promise<number> {
    let released = 0;
    for (const hold of holds) {
      if (now.getTime() - Date.parse(hold.heldAt) < this.graceMs) continue;
      const { sessionCode, candidateId } = parseEnrollmentId(hold.enrollmentId);
      const state = await this.decisions.load(sessionCode, candidateId);
      if (state.seatSiteCode === hold.siteCode) continue;
      const events = await this.seats.execute(
        {
          type: 'ReleaseSeat',
          sessionCode,
          siteCode: hold.siteCode,
          enrollmentId: hold.enrollmentId,
          reason: 'healed',
        },
        context ?? { actor: { id: 'seat-reconciler', role: 'system' }, correlationId: newId(), now },
      );
      if (events.length > 0) {
        released += 1;
        this.logger.warn(`Released a dangling seat at site ${hold.siteCode} for enrollment ${hold.enrollmentId}`);
      }
    }
    return released;
  }
}
