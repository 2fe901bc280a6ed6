import { Logger } from '@nestjs/common';
import { AppError, DomainError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import type { EnrollmentDecisions, ScheduledCatalog } from '../enrollment-decisions';
import { enrollmentId, type HeldSeat } from '../enrollment.events';
import { reliesOn, type EnrollmentState } from '../enrollment.state';
import type { SeatLedger } from './seat-ledger.service';
import type { SeatReleaseReason } from './seat.events';

/**
 * An enrollment's holds on seats (see EnrollmentSeats): taken under the id its event will name,
 * given back by naming it, and taken again if a reconciler released one a command relies on.
 */
export class EnrollmentHolds {
  private readonly logger = new Logger(EnrollmentHolds.name);

  constructor(
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
  ) {}

  /** A hold on a seat at the site, under the id the enrollment event will name (名额已满 when none is free). */
  async take(
    catalog: ScheduledCatalog,
    sessionCode: string,
    candidateId: string,
    { siteCode, seatHoldId }: HeldSeat,
    context: CommandContext,
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
        siteOpen: site.open,
      },
      context,
    );
  }

  /**
   * Runs the enrollment step after a hold. When the enrollment does not rely on the new hold (the
   * step was refused by a rule, an AppError, or another attempt was written first), the hold is
   * given back at once; other failures leave it to the reconciler, as the step may yet have been
   * written. When it does, the hold is checked still there (see keepHeld).
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
      if (reliesOn(result.state, seat)) await this.keepHeld(catalog, sessionCode, candidateId, seat, context);
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
   * A command that stalled past the grace period between its hold and its enrollment event may
   * find the hold released by another process's reconciler: it is taken again under the same id.
   * The enrollment is written by then, so a site filled meanwhile is logged for staff to move the
   * candidate rather than answered to the candidate as 名额已满.
   */
  private async keepHeld(
    catalog: ScheduledCatalog,
    sessionCode: string,
    candidateId: string,
    seat: HeldSeat,
    context: CommandContext,
  ) {
    const id = enrollmentId(sessionCode, candidateId);
    const seats = await this.seats.held(sessionCode, seat.siteCode);
    if (seats.holders.get(id)?.includes(seat.seatHoldId)) return;
    this.logger.warn(`Hold ${seat.seatHoldId} of ${id} at site ${seat.siteCode} was released meanwhile: held again`);
    try {
      await this.take(catalog, sessionCode, candidateId, seat, context);
    } catch (error) {
      this.logger.error(`Enrollment ${id} relies on site ${seat.siteCode} but holds no seat there: ${String(error)}`);
    }
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
