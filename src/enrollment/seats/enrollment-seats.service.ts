import { Inject, Injectable } from '@nestjs/common';
import { AppError, ConflictError, ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import { EnrollmentDecisions, type ScheduledCatalog } from '../enrollment-decisions';
import { enrollmentId } from '../enrollment.events';
import type { EnrollmentState } from '../enrollment.state';
import { newId } from '../../shared/ids';
import { KeyedLock } from '../keyed-lock';
import { outdatedSteps } from '../profile-drift';
import { SeatLedger } from './seat-ledger.service';
import { SeatReconciler } from './seat-reconciler.service';
import { SeatSweeper } from './seat-sweeper.service';
import { EnrollmentHolds } from './enrollment-holds';
import type { SiteScope } from '../enrollment-rules';

/**
 * A change staff make for the candidate: why (recorded on the event), and the check that they may.
 */
export interface StaffChange {
  note?: string;
  /**
   * Runs on the enrollment as the change finds it (with its revision), inside this enrollment's
   * lock: throws to refuse; resolves true when the change is already made (a repeated request),
   * and then nothing is written.
   */
  allowed?: (found: { state: EnrollmentState; revision: bigint }) => Promise<boolean> | boolean;
  /** The revision the staff member saw: the change is written only onto it (another process's change meanwhile is a conflict). */
  seenRevision?: bigint;
  /** Where the staff member may act: the decider checks it again on every attempt of the command. */
  scope?: SiteScope;
}

export interface SeatCommandResult {
  state: EnrollmentState;
  position: bigint | null;
}

/**
 * The commands that span an enrollment and a site's seats. Each takes its own hold (a new id) on
 * the seat it needs, and the enrollment event names that hold; every release names the hold it
 * gives up, and a seat goes back only with its last hold. So a release decided on an older view of
 * the enrollment (another process's change of site the other way, a reconciler) cannot take a seat
 * that a later command relies on:
 * - submit: hold a seat → EnrollmentSubmitted (with the profile's 证件照 of that moment) → release
 *   a resubmission's earlier hold;
 * - change of site: hold the new seat → ExamSiteChanged → release the old hold;
 * - withdraw: EnrollmentWithdrawn → release the hold.
 * A hold left by an attempt that stopped half way is released by the SeatReconciler.
 */
@Injectable()
export class EnrollmentSeats {
  private readonly lock = new KeyedLock();
  private readonly holds: EnrollmentHolds;

  constructor(
    private readonly decisions: EnrollmentDecisions,
    seats: SeatLedger,
    private readonly reconciler: SeatReconciler,
    private readonly sweeper: SeatSweeper,
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
  ) {
    this.holds = new EnrollmentHolds(decisions, seats);
  }

  /** `checkedSiteCode`: the site on the page the candidate checked; another chosen since is refused. */
  submit(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    checkedSiteCode?: string,
  ): Promise<SeatCommandResult> {
    return this.serially(sessionCode, candidateId, context, async (catalog, state) => {
      // The 证件照 of this moment goes with the submission: documents print it, not a later one.
      const profile = await this.profiles.get(candidateId);
      const photoSha256 = profile?.photoSha256 ?? null;
      // The decider refuses a site other than the one chosen (SITE_CHOICE_CHANGED), before any hold.
      const siteCode = checkedSiteCode ?? state.site?.siteCode ?? '';
      const category = state.category ? catalog.categories[state.category.code] : undefined;
      const seat = { siteCode, seatHoldId: newId() };
      const outdated = profile ? outdatedSteps(state, profile) : [];
      const command = { type: 'SubmitEnrollment' as const, ...seat, photoSha256, category, outdatedSteps: outdated };
      if (this.decisions.dryRun(this.decisions.withContext(command, catalog, context), state).length === 0)
        return { state, position: null };
      await this.holds.take(catalog, sessionCode, candidateId, seat, context);
      const result = await this.holds.relyOn(catalog, sessionCode, candidateId, seat, context, () =>
        this.decisions.execute(sessionCode, candidateId, command, context),
      );
      // A rejected enrollment resubmitted gives back the hold of its earlier submission.
      for (const event of result.events)
        if (event.type === 'EnrollmentSubmitted' && event.data.previousSeat) {
          const previous = event.data.previousSeat;
          const reason = previous.siteCode === siteCode ? 'resubmitted' : 'site_changed';
          await this.holds.release(sessionCode, candidateId, previous, reason, context);
        }
      return { state: result.state, position: result.position };
    });
  }

  changeSite(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    context: CommandContext,
    { note, allowed, scope, seenRevision }: StaffChange = {},
  ) {
    return this.serially(sessionCode, candidateId, context, async (catalog, state, revision) => {
      if (await allowed?.({ state, revision })) return { state, position: null };
      const site = catalog.sites[siteCode];
      // As step 6 answers it: the site chosen is the input at fault (400, beside the site field).
      if (!site)
        throw new ValidationError([{ field: 'siteCode', code: 'SITE_NOT_FOUND', message: '考点不存在，请重新选择' }]);
      const choice = {
        areaCode: site.areaCode,
        areaName: catalog.areas[site.areaCode]?.name ?? '',
        siteCode,
        siteName: site.name,
      };
      const seat = { siteCode, seatHoldId: newId() };
      const command = {
        type: 'ChangeExamSite' as const,
        choice,
        seatHoldId: seat.seatHoldId,
        siteOpen: site.open,
        note,
        scope,
      };
      if (this.decisions.dryRun(this.decisions.withContext(command, catalog, context), state).length === 0)
        return { state, position: null };
      await this.holds.take(catalog, sessionCode, candidateId, seat, context);
      const result = await this.holds.relyOn(catalog, sessionCode, candidateId, seat, context, () =>
        this.decisions.execute(sessionCode, candidateId, command, context, { expectedRevision: seenRevision }),
      );
      for (const event of result.events)
        if (event.type === 'ExamSiteChanged') {
          const from = { siteCode: event.data.fromSiteCode, seatHoldId: event.data.fromSeatHoldId ?? '' };
          await this.holds.release(sessionCode, candidateId, from, 'site_changed', context);
        }
      return { state: result.state, position: result.position };
    });
  }

  withdraw(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    { note, allowed, scope, seenRevision }: StaffChange = {},
  ) {
    return this.serially(sessionCode, candidateId, context, async (_catalog, state, revision) => {
      if (await allowed?.({ state, revision })) return { state, position: null };
      const command = { type: 'WithdrawEnrollment' as const, note, scope };
      const result = await this.decisions.execute(sessionCode, candidateId, command, context, {
        expectedRevision: seenRevision,
      });
      for (const event of result.events)
        if (event.type === 'EnrollmentWithdrawn' && event.data.siteCode) {
          const seat = { siteCode: event.data.siteCode, seatHoldId: event.data.seatHoldId ?? '' };
          await this.holds.release(sessionCode, candidateId, seat, 'withdrawn', context);
        }
      return { state: result.state, position: result.position };
    });
  }

  /**
   * One seat command at a time per enrollment in this process; dangling seats heal first, and the
   * enrollment of a command that failed half way is looked at again after the grace period.
   */
  private serially(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    work: (catalog: ScheduledCatalog, state: EnrollmentState, revision: bigint) => Promise<SeatCommandResult>,
  ): Promise<SeatCommandResult> {
    const id = enrollmentId(sessionCode, candidateId);
    return this.lock
      .run(id, async () => {
        await this.reconciler.reconcile(id, context.now, context);
        const [catalog, { state, revision }] = await Promise.all([
          this.decisions.catalog(sessionCode),
          this.decisions.loadWithRevision(sessionCode, candidateId),
        ]);
        return work(catalog, state, revision);
      })
      .catch((error: unknown) => {
        // Refused by a rule, the command gave back what it held; otherwise (a store error, a conflict
        // after its retries) it may have stopped half way.
        const refusedByRule = error instanceof AppError && error.httpStatus < 500 && !(error instanceof ConflictError);
        if (!refusedByRule) this.sweeper.recheckLater(id);
        throw error;
      });
  }
}
