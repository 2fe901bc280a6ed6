import { Inject, Injectable } from '@nestjs/common';
import { AppError, DomainError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import { EnrollmentDecisions, type ScheduledCatalog } from '../enrollment-decisions';
import { enrollmentId } from '../enrollment.events';
import type { EnrollmentState } from '../enrollment.state';
import { KeyedLock } from '../keyed-lock';
import { SeatLedger } from './seat-ledger.service';
import { SeatReconciler } from './seat-reconciler.service';
import type { SeatReleaseReason } from './seat.events';
import type { SiteScope } from '../enrollment-rules';

/**
 * A change staff make for the candidate: why (recorded on the event), and the check that they may
 * (it runs on the enrollment as the change finds it, inside this enrollment's lock).
 */
export interface StaffChange {
  note?: string;
  allowed?: (state: EnrollmentState) => void;
  /** Where the staff member may act: the decider checks it again on every attempt of the command. */
  scope?: SiteScope;
}

export interface SeatCommandResult {
  state: EnrollmentState;
  position: bigint | null;
}

/**
 * The commands that span an enrollment and a site's seats. Each step is idempotent (a seat is
 * keyed by the enrollment id), so a retry completes what a failed attempt began:
 * - submit: hold a seat → EnrollmentSubmitted (with the profile's 证件照 of that moment);
 * - change of site: hold the new seat → ExamSiteChanged → release the old seat;
 * - withdraw: EnrollmentWithdrawn → release the seat.
 * A seat left held by an attempt that stopped half way is released by the SeatReconciler.
 */
@Injectable()
export class EnrollmentSeats {
  private readonly lock = new KeyedLock();

  constructor(
    private readonly decisions: EnrollmentDecisions,
    private readonly seats: SeatLedger,
    private readonly reconciler: SeatReconciler,
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
  ) {}

  /** `checkedSiteCode`: the site on the page the candidate checked; another chosen since is refused. */
  submit(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    checkedSiteCode?: string,
  ): Promise<SeatCommandResult> {
    return this.serially(sessionCode, candidateId, context, async (catalog, state) => {
      // The 证件照 of this moment goes with the submission: documents print it, not a later one.
      const photoSha256 = (await this.profiles.get(candidateId))?.photoSha256 ?? null;
      // The decider refuses a site other than the one chosen (SITE_CHOICE_CHANGED), before any hold.
      const siteCode = checkedSiteCode ?? state.site?.siteCode ?? '';
      const category = state.category ? catalog.categories[state.category.code] : undefined;
      const command = { type: 'SubmitEnrollment' as const, siteCode, photoSha256, category };
      if (this.decisions.dryRun(this.decisions.withContext(command, catalog, context), state).length === 0)
        return { state, position: null };
      await this.hold(catalog, sessionCode, candidateId, siteCode, context);
      const result = await this.thenRelease(sessionCode, candidateId, siteCode, context, () =>
        this.decisions.execute(sessionCode, candidateId, command, context),
      );
      // A rejected enrollment resubmitted at another site gives back its earlier seat.
      if (state.seatSiteCode && state.seatSiteCode !== result.state.seatSiteCode)
        await this.release(sessionCode, candidateId, state.seatSiteCode, 'site_changed', context);
      return { state: result.state, position: result.position };
    });
  }

  changeSite(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    context: CommandContext,
    { note, allowed, scope }: StaffChange = {},
  ) {
    return this.serially(sessionCode, candidateId, context, async (catalog, state) => {
      allowed?.(state);
      const site = catalog.sites[siteCode];
      if (!site) throw new DomainError('SITE_NOT_FOUND', '考点不存在');
      const choice = {
        areaCode: site.areaCode,
        areaName: catalog.areas[site.areaCode]?.name ?? '',
        siteCode,
        siteName: site.name,
      };
      const command = { type: 'ChangeExamSite' as const, choice, siteOpen: site.open, note, scope };
      if (this.decisions.dryRun(this.decisions.withContext(command, catalog, context), state).length === 0)
        return { state, position: null };
      await this.hold(catalog, sessionCode, candidateId, siteCode, context);
      const result = await this.thenRelease(sessionCode, candidateId, siteCode, context, () =>
        this.decisions.execute(sessionCode, candidateId, command, context),
      );
      for (const event of result.events)
        if (event.type === 'ExamSiteChanged')
          await this.release(sessionCode, candidateId, event.data.fromSiteCode, 'site_changed', context);
      return { state: result.state, position: result.position };
    });
  }

  withdraw(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    { note, allowed, scope }: StaffChange = {},
  ) {
    return this.serially(sessionCode, candidateId, context, async (_catalog, state) => {
      allowed?.(state);
      const command = { type: 'WithdrawEnrollment' as const, note, scope };
      const result = await this.decisions.execute(sessionCode, candidateId, command, context);
      for (const event of result.events)
        if (event.type === 'EnrollmentWithdrawn' && event.data.siteCode)
          await this.release(sessionCode, candidateId, event.data.siteCode, 'withdrawn', context);
      return { state: result.state, position: result.position };
    });
  }

  /** One seat command at a time per enrollment in this process; dangling seats heal first. */
  private serially(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    work: (catalog: ScheduledCatalog, state: EnrollmentState) => Promise<SeatCommandResult>,
  ): Promise<SeatCommandResult> {
    const id = enrollmentId(sessionCode, candidateId);
    return this.lock.run(id, async () => {
      await this.reconciler.reconcile(id, context.now, context);
      const [catalog, state] = await Promise.all([
        this.decisions.catalog(sessionCode),
        this.decisions.load(sessionCode, candidateId),
      ]);
      return work(catalog, state);
    });
  }

  private async hold(
    catalog: ScheduledCatalog,
    sessionCode: string,
    candidateId: string,
    siteCode: string,
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
        catalogCapacity: site.capacity,
        siteOpen: site.open,
      },
      context,
    );
  }

  /**
   * Runs the enrollment step after a hold. When the step is refused by a rule (an AppError), the
   * enrollment will not reference the new seat, so it is given back at once; other failures
   * leave it to the reconciler, as the step may yet have been written.
   */
  private async thenRelease<T extends { state: EnrollmentState }>(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    context: CommandContext,
    step: () => Promise<T>,
  ): Promise<T> {
    try {
      const result = await step();
      if (result.state.seatSiteCode !== siteCode)
        await this.release(sessionCode, candidateId, siteCode, 'submission_failed', context);
      return result;
    } catch (error) {
      if (error instanceof AppError && error.httpStatus < 500) {
        const state = await this.decisions.load(sessionCode, candidateId);
        if (state.seatSiteCode !== siteCode)
          await this.release(sessionCode, candidateId, siteCode, 'submission_failed', context);
      }
      throw error;
    }
  }

  private async release(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    reason: SeatReleaseReason,
    context: CommandContext,
  ) {
    await this.seats.execute(
      { type: 'ReleaseSeat', sessionCode, siteCode, enrollmentId: enrollmentId(sessionCode, candidateId), reason },
      context,
    );
  }
}
