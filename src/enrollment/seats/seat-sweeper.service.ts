import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SeatReconciler } from './seat-reconciler.service';

const SWEEP_EVERY_MS = 60_000;

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
  private readonly rechecks = new Map<NodeJS.Timeout, Promise<unknown> | null>();
  /** After the grace period, time for the failed command's hold to reach the holds read model. */
  recheckMarginMs = 5_000;

  constructor(
    private readonly reconciler: SeatReconciler,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'runProjections'>,
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
   * A seat command that failed half way (not refused by a rule: a crash of the store, a timeout)
   * may have left a hold nobody relies on. Its enrollment is reconciled once that hold is past the
   * grace period, rather than when the sweep next comes round to it (hours on a large session).
   */
  recheckLater(enrollmentId: string): void {
    const timer = setTimeout(() => {
      const recheck = this.reconciler
        .reconcile(enrollmentId, new Date())
        .catch((error: Error) => this.logger.warn(`Seat recheck of ${enrollmentId} failed: ${error.message}`))
        .finally(() => this.rechecks.delete(timer));
      this.rechecks.set(timer, recheck);
    }, this.reconciler.graceMs + this.recheckMarginMs);
    timer.unref();
    this.rechecks.set(timer, null);
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    for (const timer of this.rechecks.keys()) clearTimeout(timer);
    await Promise.all([this.running, ...this.rechecks.values()]);
  }
}
