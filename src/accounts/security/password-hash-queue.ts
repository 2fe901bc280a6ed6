import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ServerBusyError } from '../../shared/errors';
import { passwordHashMetrics } from './password-hash-metrics';

export interface PasswordHashQueueObserver {
  /** How many admitted requests are in progress, hashing or about to. */
  admitted(requests: number): void;
  refused(): void;
}

/**
 * At most `concurrency` argon2 jobs at once, the others waiting in order. argon2 runs on libuv's
 * thread pool (4 threads), which also reads the static files and writes photos and PDFs: a login
 * surge left unbounded queues thousands of 19 MiB hashes ahead of them (a stylesheet waited 1.7 s
 * behind 300 logins), and every login waits ever longer.
 *
 * So the use cases that hash for the public (login, registration, password changes) run inside
 * admitted(), which holds a place from before anything they do until they end: once
 * `concurrency + maxWaiting` such requests are in progress, another is answered at once 503
 * SERVER_BUSY with the wait to expect, having changed nothing (not even used its captcha). The
 * place is taken at admission, not when the hash starts, so requests still reading their stores
 * (a network round trip with MongoDB or EventStoreDB) count too.
 */
export class PasswordHashQueue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private admittedRequests = 0;
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

  /** Runs `work` holding a place, or throws ServerBusyError when every place is taken. */
  async admitted<T>(work: () => Promise<T>): Promise<T> {
    if (this.admittedRequests >= this.concurrency + this.maxWaiting) {
      this.observer?.refused();
      throw new ServerBusyError(this.expectedWaitSeconds());
    }
    this.admittedRequests++;
    this.observer?.admitted(this.admittedRequests);
    try {
      return await work();
    } finally {
      this.admittedRequests--;
      this.observer?.admitted(this.admittedRequests);
    }
  }

  /** Runs one argon2 job when a slot is free, in the order asked; never refuses. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running++;
    // A finishing job hands its slot over (below), so a newcomer cannot take it in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    const started = performance.now();
    try {
      return await job();
    } finally {
      this.averageJobMs = 0.9 * this.averageJobMs + 0.1 * (performance.now() - started);
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Those ahead, over the slots, at a job's average time; at least a second. */
  private expectedWaitSeconds(): number {
    const ahead = this.admittedRequests - this.concurrency + 1;
    return Math.max(1, Math.ceil(((ahead / this.concurrency) * this.averageJobMs) / 1000));
  }
}

export const passwordHashQueueProvider: Provider = {
  provide: PasswordHashQueue,
  useFactory: (config: AppConfig) =>
    new PasswordHashQueue(config.passwordHashing.concurrency, config.passwordHashing.maxWaiting, passwordHashMetrics),
  inject: [APP_CONFIG],
};
