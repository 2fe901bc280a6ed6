import { Logger } from '@nestjs/common';
import { AppError, DomainError } from '../../shared/errors';
import type { Actor, CommandContext } from '../../shared/messages';
import type { EnrollmentDecisions, ScheduledCatalog } from '../enrollment-decisions';
import { enrollmentId, type HeldSeat } from '../enrollment.events';
import { heldSeatOf, reliesOn, type EnrollmentState } from '../enrollment.state';
import type { SeatLedger } from './seat-ledger.service';
import type { SeatReleaseReason } from './seat.events';

/**
 * What restoreRelied found: no seat relied on, the hold still held, taken again, not taken (the
 * site is full, or the store failed), or the enrollment relies on another hold by now.
 */
export type RestoreOutcome = 'none' | 'held' | 'restored' | 'failed' | 'moved';

/** Who heals holds: the system, not the candidate or staff member whose command came upon it. */
export const RECONCILER = { id: 'seat-reconciler', role: 'system' } as const;

/**
 * An enrollment's holds on seats (see EnrollmentSeats): taken under the id its event will name,
 * given back by naming it, and taken again if a reconciler released one a command relies on (by
 * the system, or by staff through the seat check).
 */
export class EnrollmentHolds {
  private readonly logger = new Logger(EnrollmentHolds.name);

  constructor(
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
  ) {}

  /**
   * A hold on a seat at the site, under the id the enrollment event will name (名额已满 when none
   * is free). `restoring`: a hold the enrollment already relies on, taken again.
   */
  async take(
    catalog: ScheduledCatalog,
    sessionCode: string,
    candidateId: string,
    { siteCode, seatHoldId }: HeldSeat,
    context: CommandContext,
    restoring = false,
  ) {
    const site = catalog.sites[siteCode];
    if (!site) throw new DomainError('SITE_NOT_FOUND', '考点不存在');
    await this.seats.execute(
      {
        type: 'HoldSeat',
        sessionCode,
        siteCode,
        enrollmentId: enrollmentId(sessionCode, candidateId),
        holdId: seatHoldId,
        catalogCapacity: site.capacity,
        siteOpen: restoring || site.open,
      },
      context,
    );
  }

  /**
   * Runs the enrollment step after a hold. When the enrollment does not rely on the new hold (the
   * step was refused by a rule, an AppError, or another attempt was written first), the hold is
   * given back at once; other failures leave it to the reconciler, as the step may yet have been
   * written. When it does, the hold is checked still there (see restoreRelied).
   */
  async relyOn<T extends { state: EnrollmentState }>(
    catalog: ScheduledCatalog,
    sessionCode: string,
    candidateId: string,
    seat: HeldSeat,
    context: CommandContext,
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await step();
      if (reliesOn(result.state, seat))
        await this.restoreRelied(sessionCode, candidateId, context.now, context.correlationId);
      else await this.release(sessionCode, candidateId, seat, 'submission_failed', context);
      return result;
    } catch (error) {
      if (error instanceof AppError && error.httpStatus < 500) {
        const state = await this.decisions.load(sessionCode, candidateId);
        if (!reliesOn(state, seat)) await this.release(sessionCode, candidateId, seat, 'submission_failed', context);
      }
      throw error;
    }
  }

  /**
   * Makes the seat ledger agree with the hold the enrollment relies on. A reconciler in another
   * process may have released it: while the command that relies on it stalled past the grace
   * period, or after reading the enrollment just before that command wrote its event. It is taken
   * again under the same id (on a site closed since, too: the candidate was admitted before), and
   * given back if by then the enrollment has moved on. The command writes its event and then calls
   * this; the reconciler writes its release and then calls this: whichever reads second sees the
   * other's write. A site filled meanwhile is logged, and listed for staff by the seat check.
   * `by`: a staff member who asked for it (seat check), else the reconciler. `expected`: only this
   * hold (the one staff saw), not one the enrollment has come to rely on since.
   */
  async restoreRelied(
    sessionCode: string,
    candidateId: string,
    now: Date,
    correlationId: string,
    { by = RECONCILER, expected }: { by?: Actor; expected?: HeldSeat } = {},
  ): Promise<RestoreOutcome> {
    const seat = heldSeatOf(await this.decisions.load(sessionCode, candidateId));
    if (!seat) return 'none';
    if (expected && (expected.siteCode !== seat.siteCode || expected.seatHoldId !== seat.seatHoldId)) return 'moved';
    const id = enrollmentId(sessionCode, candidateId);
    if ((await this.seats.held(sessionCode, seat.siteCode)).holders.get(id)?.includes(seat.seatHoldId)) return 'held';
    const context = { actor: by, correlationId, now };
    try {
      await this.take(await this.decisions.catalog(sessionCode), sessionCode, candidateId, seat, context, true);
    } catch (error) {
      const message = `Enrollment ${id} relies on site ${seat.siteCode} but holds no seat there: ${String(error)}`;
      // Staff retrying through the seat check is no new incident.
      if (by.id === RECONCILER.id) this.logger.error(message);
      else this.logger.log(`${message} (re-seat by ${by.role} ${by.id})`);
      return 'failed';
    }
    const taken = by.id === RECONCILER.id ? 'held again' : `re-seated by ${by.role} ${by.id}`;
    this.logger.warn(`Hold ${seat.seatHoldId} of ${id} at site ${seat.siteCode} was released meanwhile: ${taken}`);
    if (!reliesOn(await this.decisions.load(sessionCode, candidateId), seat)) {
      await this.release(sessionCode, candidateId, seat, 'healed', context);
      return 'moved';
    }
    return 'restored';
  }

  async release(
    sessionCode: string,
    candidateId: string,
    { siteCode, seatHoldId }: HeldSeat,
    reason: SeatReleaseReason,
    context: CommandContext,
  ) {
    const id = enrollmentId(sessionCode, candidateId);
    await this.seats.execute(
      { type: 'ReleaseSeat', sessionCode, siteCode, enrollmentId: id, holdId: seatHoldId, reason },
      context,
    );
  }
}
