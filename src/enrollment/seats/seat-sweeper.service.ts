import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { SeatReconciler } from './seat-reconciler.service';

const SWEEP_EVERY_MS = 60_000;

/** Every minute, releases seats left held by submissions or changes of site that stopped half way. */
@Injectable()
export class SeatSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SeatSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

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

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
