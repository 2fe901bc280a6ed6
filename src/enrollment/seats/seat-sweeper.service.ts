import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../infrastructure/projections/projection-runner';
import { siteOccupancyProjection } from '../../../projections/site-occupancy/site-occupancy.projection';
import { SeatReconciler } from './seat-reconciler.service';

const SWEEP_EVERY_MS = 60_000;
/** How long a recheck waits for the holds read model to reach the store's head before it reads. */
const READ_MODEL_WAIT_MS = 10_000;

/**
 * Every minute, releases seats left held by submissions or changes of site that stopped half way;
 * and, once the grace period has passed, looks again at the enrollment of a seat command that
 * failed half way in this process.
 */
@Injectable()
export class SeatSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SeatSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  /** By enrollment: the timer of its recheck, and the recheck once it runs. */
  private readonly rechecks = new Map<string, { timer: NodeJS.Timeout; recheck: Promise<void> | null }>();
  private closing = false;
  /** Added to the grace period: the failed command's hold is then past it, whatever the clocks' rounding. */
  recheckMarginMs = 5_000;

  constructor(
    private readonly reconciler: SeatReconciler,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'runProjections'>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
  ) {}

  onApplicationBootstrap(): void {
    // A process without projections (the rebuild CLI) has no fresh holds read model to sweep from.
    if (!this.config.runProjections) return;
    this.timer = setInterval(() => {
      this.running = this.reconciler
        .sweep()
        .catch((error: Error) => this.logger.warn(`Seat sweep failed: ${error.message}`));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  /**
   * A seat command that failed half way (not refused by a rule: a store error, a conflict after
   * its retries) may have left a hold nobody relies on, or released one it does. Its enrollment is
   * reconciled once such a hold is past the grace period and the holds read model has caught up,
   * rather than when the sweep next comes round to it (hours on a large session). One recheck per
   * enrollment at a time; none once the app is closing.
   */
  recheckLater(enrollmentId: string): void {
    if (this.closing || this.rechecks.has(enrollmentId)) return;
    const timer = setTimeout(() => {
      const recheck = this.recheck(enrollmentId).finally(() => this.rechecks.delete(enrollmentId));
      this.rechecks.set(enrollmentId, { timer, recheck });
    }, this.reconciler.graceMs + this.recheckMarginMs);
    timer.unref();
    this.rechecks.set(enrollmentId, { timer, recheck: null });
  }

  private async recheck(enrollmentId: string): Promise<void> {
    try {
      const head = await this.store.headPosition();
      await this.runner.waitFor(head, [siteOccupancyProjection.name], READ_MODEL_WAIT_MS);
      await this.reconciler.reconcile(enrollmentId, new Date());
    } catch (error) {
      this.logger.warn(`Seat recheck of ${enrollmentId} failed: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearInterval(this.timer);
    for (const { timer } of this.rechecks.values()) clearTimeout(timer);
    await Promise.all([this.running, ...[...this.rechecks.values()].map(({ recheck }) => recheck)]);
  }
}
