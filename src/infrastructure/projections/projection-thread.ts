import { Worker } from 'node:worker_threads';
import type { ProjectionLogger } from './projection-worker';
import type {
  FromProjectionThread,
  ProjectionSnapshot,
  ProjectionThreadData,
  ToProjectionThread,
} from './projection-thread.protocol';

/** A thread that ran this long before dying counts as healthy: its restart starts the backoff afresh. */
const HEALTHY_RUN_MS = 60_000;

export interface ProjectionThreadEvents {
  /** A projection reported progress (after a batch, or a change of state). */
  progress(snapshot: ProjectionSnapshot, recordedAt: string[], appliedAt: number, failures: number): void;
  /** The thread is gone (stopped, or died and is about to be restarted). */
  ended(): void;
}

/**
 * The app thread's side of the projection thread: starts it, passes its reports on, pauses a
 * projection for a rebuild, and stops it. A thread that dies is restarted after `restartDelayMs(n)`;
 * its projections resume from their checkpoints, as after a crash of the process; a paused one
 * stays paused across restarts until resumed.
 */
export class ProjectionThread {
  private worker: Worker | undefined;
  private stopping = false;
  private failures = 0;
  private readyAt: number | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private nextPauseId = 0;
  private readonly pauses = new Map<number, () => void>();
  private readonly paused = new Set<string>();
  private stopped: (() => void) | undefined;
  private started: ((ready: boolean) => void) | undefined;

  constructor(
    private readonly script: string,
    private readonly data: ProjectionThreadData,
    private readonly events: ProjectionThreadEvents,
    private readonly logger: ProjectionLogger,
    private readonly restartDelayMs: (failures: number) => number,
  ) {}

  /**
   * Resolves true once the thread has opened its stores and started its projections: until then
   * read-your-writes would wait in vain. Resolves false if it died first (it is being restarted)
   * or has not started within `timeoutMs`.
   */
  start(timeoutMs = 60_000): Promise<boolean> {
    this.stopping = false;
    this.readyAt = undefined;
    const data: ProjectionThreadData = { ...this.data, paused: [...this.paused] };
    const worker = (this.worker = new Worker(this.script, { workerData: data }));
    let timer: NodeJS.Timeout | undefined;
    const started = new Promise<boolean>((resolve) => {
      this.started = (ready) => {
        clearTimeout(timer);
        this.started = undefined;
        resolve(ready);
      };
      timer = setTimeout(() => this.started?.(false), timeoutMs);
      timer.unref();
    });
    worker.on('message', (message: FromProjectionThread) => this.receive(message));
    worker.on('error', (error) => this.logger.error(`Projection thread failed: ${error.message}`));
    worker.on('exit', (code) => this.exited(worker, code));
    return started;
  }

  /**
   * Stops the projection `name` in the thread (its batch in progress ends, its checkpoint is
   * saved); a thread started meanwhile leaves it stopped, until resume().
   */
  pause(name: string): Promise<void> {
    this.paused.add(name);
    if (!this.worker) return Promise.resolve();
    const id = this.nextPauseId++;
    return new Promise((resolve) => {
      this.pauses.set(id, resolve);
      this.send({ type: 'pause', name, id });
    });
  }

  resume(name: string): void {
    this.paused.delete(name);
    this.send({ type: 'resume', name });
  }

  /** Lets every projection finish its batch and save its checkpoint; terminates the thread after `timeoutMs`. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => {
        this.stopped = resolve;
        this.send({ type: 'stop' });
      }),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    await worker.terminate();
  }

  private send(message: ToProjectionThread): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromProjectionThread): void {
    switch (message.type) {
      case 'ready':
        this.readyAt = Date.now();
        this.started?.(true);
        return;
      case 'progress':
        this.events.progress(message.snapshot, message.recordedAt, message.appliedAt, message.failures);
        return;
      case 'paused':
        this.pauses.get(message.id)?.();
        this.pauses.delete(message.id);
        return;
      case 'log':
        this.logger[message.level](message.message);
        return;
      case 'stopped':
        this.stopped?.();
    }
  }

  private exited(worker: Worker, code: number): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    // The thread is gone, so the paused projections are stopped; they stay paused (see start).
    for (const resolve of this.pauses.values()) resolve();
    this.pauses.clear();
    this.stopped?.();
    this.started?.(false);
    this.events.ended();
    if (this.stopping) return;
    if (this.readyAt !== undefined && Date.now() - this.readyAt >= HEALTHY_RUN_MS) this.failures = 0;
    this.failures++;
    const delay = this.restartDelayMs(this.failures);
    this.logger.error(`Projection thread exited (code ${code}); restarting it in ${delay} ms`);
    this.restartTimer = setTimeout(() => void this.start(), delay);
    this.restartTimer.unref();
  }
}
