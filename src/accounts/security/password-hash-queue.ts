import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ServerBusyError } from '../../shared/errors';
import { passwordHashMetrics } from './password-hash-metrics';

/**
 * At most `concurrency` argon2 jobs at once, the others waiting in order. argon2 runs on libuv's
 * thread pool (4 threads), which also reads the static files and writes photos and PDFs: a login
 * surge left unbounded queues thousands of 19 MiB hashes ahead of them (a stylesheet waited 1.7 s
 * behind 300 logins). The use cases call admit() before anything else, so that past `maxWaiting`
 * waiting jobs a surge is answered at once, 503 SERVER_BUSY with the wait to expect, having changed
 * nothing (not even used its captcha), instead of every request waiting ever longer.
 */
export interface PasswordHashQueueObserver {
  waiting(jobs: number): void;
  refused(): void;
}

export class PasswordHashQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  /** A running average of one job's time, for the wait a refusal announces. */
  private averageJobMs = 25;

  constructor(
    readonly concurrency: number,
    readonly maxWaiting: number,
    private readonly observer?: PasswordHashQueueObserver,
  ) {}

  get waitingJobs(): number {
    return this.waiting.length;
  }

  /** Throws ServerBusyError when a new job would wait behind `maxWaiting` others (0: whenever it would wait). */
  admit(): void {
    if (this.running >= this.concurrency && this.waiting.length >= this.maxWaiting) {
      this.observer?.refused();
      throw new ServerBusyError(this.expectedWaitSeconds());
    }
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    else {
      // A finishing job hands its slot over (below), so a newcomer cannot take it in between.
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
        this.observer?.waiting(this.waiting.length);
      });
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      this.averageJobMs = 0.9 * this.averageJobMs + 0.1 * (performance.now() - started);
      const next = this.waiting.shift();
      if (next) {
        this.observer?.waiting(this.waiting.length);
        next();
      } else this.running--;
    }
  }

  private expectedWaitSeconds(): number {
    return Math.max(1, Math.ceil((((this.waiting.length + 1) / this.concurrency) * this.averageJobMs) / 1000));
  }
}

export const passwordHashQueueProvider: Provider = {
  provide: PasswordHashQueue,
  useFactory: (config: AppConfig) =>
    new PasswordHashQueue(config.passwordHashing.concurrency, config.passwordHashing.maxWaiting, passwordHashMetrics),
  inject: [APP_CONFIG],
};
