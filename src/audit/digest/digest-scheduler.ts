import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { LogDigestWriter } from '../../infrastructure/event-store/tamper/log-digest.writer';
import { APP_LOGGER } from '../../infrastructure/http/app-logger';

/** How often the log is digested; a deleted last event of a stream is provable once digested. */
export const DIGEST_INTERVAL_MS = 60_000;

/**
 * Writes a signed digest of the new part of the log every minute (in processes that run the
 * projections, i.e. the workers). Several processes may do it at once; one wins each digest.
 */
@Injectable()
export class DigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly writer: LogDigestWriter;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {
    this.writer = new LogDigestWriter(store, config.secrets.auditChainKey);
  }

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    this.timer = setInterval(() => this.tick(), DIGEST_INTERVAL_MS);
    this.timer.unref();
  }

  /** One round now (also used by tests and the verify CLI before checking). */
  tick(): Promise<unknown> {
    this.running = this.running
      .then(() => this.writer.writeDigests())
      .catch((error: unknown) => this.logger.warn({ err: error }, 'audit digest not written; retrying next minute'));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
