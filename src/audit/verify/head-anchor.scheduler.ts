import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { headAnchorFileOf } from '../../infrastructure/event-store/tamper/head-anchor';
import { HeadAnchorWriter } from '../../infrastructure/event-store/tamper/head-anchor.writer';
import { APP_LOGGER } from '../../infrastructure/http/app-logger';

/**
 * How often the head anchor follows the log. Events newer than the anchor (at most about this
 * long's worth, plus any lag of this process) can still be deleted unnoticed.
 */
export const HEAD_ANCHOR_INTERVAL_MS = 1000;

/**
 * Keeps the signed head anchor beside the embedded store's database up to date (in processes
 * that run the projections, like the digests). A rewrite only when the log has grown: at most
 * one small file write per interval. A log that no longer holds the anchored event is reported
 * once, and the anchor is left as it is, as evidence for verify.
 */
@Injectable()
export class HeadAnchorScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly writer: HeadAnchorWriter | undefined;
  private divergedReported = false;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    const events = config.eventStore;
    if (events.kind === 'sqlite' && events.file !== ':memory:')
      this.writer = new HeadAnchorWriter(store, config.secrets.auditChainKey, headAnchorFileOf(events.file));
  }

  onApplicationBootstrap(): void {
    if (!this.config.runProjections || !this.writer) return;
    this.timer = setInterval(() => void this.tick(), HEAD_ANCHOR_INTERVAL_MS);
    this.timer.unref();
  }

  /** One update now (also used by tests). */
  tick(): Promise<unknown> {
    const writer = this.writer;
    if (!writer) return this.running;
    this.running = this.running
      .then(async () => {
        const outcome = await writer.update();
        if (outcome === 'diverged' && !this.divergedReported)
          this.logger.error('the event log no longer holds its anchored newest event: run verify:log');
        this.divergedReported = outcome === 'diverged';
      })
      .catch((error: unknown) => this.logger.warn({ err: error }, 'head anchor not written; retrying'));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
