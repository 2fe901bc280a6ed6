import type { EventStore, Subscription } from '../event-store/event-store.port';
import type { RecordedEvent } from '../../shared/messages';
import type { ReadStore, WriteScope } from '../read-store/read-store.port';
import { EventBatches } from './event-batches';
import { HeadWatch } from './head-watch';
import type { ProjectionCollections, ProjectionDefinition } from './projection';
import { collectionsWithin, openProjectionCollections } from './projection-collections';
import { ProjectionMeters } from './projection-metrics';
import type { ProjectionSnapshot } from './projection-thread.protocol';
import { type ProjectionRunnerOptions, retryDelayMs } from './projection-runner.options';
import { causeOf } from '../../shared/errors';

/** Where a projection's log lines go (Nest's Logger in the app, a message port in the projection thread). */
export interface ProjectionLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The projection's meters: the process's own, or ones reporting to the app thread. */
export type ProjectionMeterSink = Pick<ProjectionMeters, 'recordApplied' | 'recordFailure'>;

/**
 * Runs one projection: subscribe after its checkpoint (catch up, then live), apply the declared
 * event types in batches — one read-store transaction each, with the checkpoint, where the store
 * has transactions; otherwise the checkpoint follows every few hundred events or milliseconds.
 * Writes are position-guarded, so events redelivered after a crash between data and checkpoint
 * change nothing. A failure is reported (error, running=false) and retried with backoff from the
 * last checkpoint; the failing event is never skipped.
 */
export class ProjectionWorker {
  /** Last event processed (applied or skipped); null before the first. */
  position: bigint | null = null;
  lastLagMs = 0;
  readonly head = new HeadWatch();
  running = false;
  error: string | undefined;
  private savedPosition: bigint | null = null;
  private unsaved = 0;
  private lastSaveAt = Date.now();
  private idleFlush: NodeJS.Timeout | undefined;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wakeRetry: (() => void) | undefined;
  /** Its loop runs in the projection thread, which reports every batch (see mirror). */
  private mirrored = false;
  private readonly types: ReadonlySet<string>;
  private readonly meters: ProjectionMeterSink;

  constructor(
    readonly definition: ProjectionDefinition,
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: ProjectionRunnerOptions,
    private readonly onAdvance: () => void,
    private readonly logger: ProjectionLogger,
    meters?: ProjectionMeterSink,
  ) {
    this.types = new Set(definition.eventTypes);
    this.meters = meters ?? new ProjectionMeters(definition.name);
  }

  /** Whether its progress is known as it happens: its loop runs in this process or reports from the thread. */
  get live(): boolean {
    return this.loop !== undefined || this.mirrored;
  }

  /**
   * Progress reported by the projection thread, where this projection's loop runs; its applied
   * events (`recordedAt`, visible at `appliedAt`) and failures go to this process's meters.
   */
  mirror(snapshot: ProjectionSnapshot, recordedAt: readonly string[] = [], appliedAt = Date.now(), failures = 0): void {
    if (recordedAt.length > 0) this.meters.recordApplied(recordedAt, appliedAt);
    for (let failure = 0; failure < failures; failure++) this.meters.recordFailure();
    this.mirrored = true;
    this.position = snapshot.position === null ? null : BigInt(snapshot.position);
    this.running = snapshot.running;
    this.error = snapshot.error;
    this.lastLagMs = snapshot.lastLagMs;
    if (this.position !== null) this.head.reached(this.position);
  }

  /** The thread stopped (or is paused for a rebuild): progress is no longer reported. */
  unmirror(): void {
    this.mirrored = false;
    this.running = false;
    this.head.clear();
  }

  /** This projection's progress, to report from the projection thread. */
  snapshot(): ProjectionSnapshot {
    return {
      name: this.definition.name,
      position: this.position === null ? null : this.position.toString(),
      running: this.running,
      ...(this.error === undefined ? {} : { error: this.error }),
      lastLagMs: this.lastLagMs,
    };
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Lets the event in progress finish, ends the subscription and saves the checkpoint. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.wakeRetry?.();
    await this.subscription?.close();
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      this.loop.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.options.stopTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (gaveUp) {
      // A hung apply must not hang shutdown; its batch was not committed, so it is replayed later.
      this.logger.warn(`Projection ${this.definition.name} did not stop within ${this.options.stopTimeoutMs} ms`);
    }
    this.loop = undefined;
    this.running = false;
    this.head.clear();
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        await this.follow(() => (failures = 0));
        if (!this.stopping) throw new Error('the event subscription ended unexpectedly');
      } catch (error) {
        failures++;
        this.running = false;
        // A store's failure names its driver's cause, for /ready and the log (not the user's 503 wording).
        const cause = error instanceof Error ? causeOf(error) : undefined;
        this.error = error instanceof Error ? (cause ?? error.message) : String(error);
        this.meters.recordFailure();
        const delay = retryDelayMs(failures, this.options);
        this.logger.error(`Projection ${this.definition.name} failed (retry in ${delay} ms): ${this.error}`);
        await this.flush().catch(() => undefined);
        if (!this.stopping) await this.pause(delay);
      }
    }
    this.running = false;
    await this.flush().catch((error: Error) =>
      this.logger.error(`Projection ${this.definition.name}: checkpoint not saved on stop: ${error.message}`),
    );
  }

  private async follow(onSuccess: () => void): Promise<void> {
    const collections = await openProjectionCollections(this.definition, this.readStore);
    const checkpoint = await this.readStore.getCheckpoint(this.definition.name);
    this.position = this.savedPosition = checkpoint;
    const subscription = (this.subscription = this.eventStore.subscribeToAll({ after: checkpoint ?? undefined }));
    if (this.stopping) await subscription.close();
    this.running = true;
    const batches = new EventBatches(subscription, this.options.applyBatchSize);
    try {
      for (let batch = await batches.next(); batch.length > 0; batch = await batches.next()) {
        await this.applyBatch(batch, collections);
        this.error = undefined;
        onSuccess();
        this.onAdvance();
        if (this.stopping) break;
      }
    } finally {
      this.subscription = undefined;
      await subscription.close();
    }
  }

  /**
   * Applies a batch in one read-store transaction where the store offers one (all or nothing),
   * saving the checkpoint inside it when due. The position moves, and waiters are told, only
   * once the batch is committed.
   */
  private async applyBatch(batch: RecordedEvent[], collections: ProjectionCollections): Promise<void> {
    const last = batch[batch.length - 1].position;
    const relevant = batch.filter((event) => this.types.has(event.type));
    const transactional = relevant.length > 0 && this.readStore.batch !== undefined;
    // In a transaction the checkpoint costs one more row in the same commit: save it every time,
    // so other processes waiting on it (read-your-writes) see the batch at once.
    const due =
      transactional ||
      this.unsaved + batch.length >= this.options.checkpointEveryEvents ||
      Date.now() - this.lastSaveAt >= this.options.checkpointIntervalMs;
    const work = async (scope?: WriteScope) => {
      const target = scope ? collectionsWithin(collections, scope) : collections;
      for (const event of relevant) await this.definition.apply(event, target);
      if (due) await (scope ?? this.readStore).saveCheckpoint(this.definition.name, last);
    };
    // Events of other types only move the position: no transaction (and no write lock) for them.
    if (transactional && this.readStore.batch) await this.readStore.batch(work);
    else await work();
    const appliedAt = Date.now();
    if (relevant.length > 0) {
      this.lastLagMs = this.meters.recordApplied(
        relevant.map((event) => event.recordedAt),
        appliedAt,
      );
    }
    this.position = last;
    this.head.reached(last);
    if (due) this.saved(last);
    else {
      this.unsaved += batch.length;
      this.scheduleIdleFlush();
    }
  }

  /** Saves the checkpoint if events were processed since the last save. */
  async flush(): Promise<void> {
    clearTimeout(this.idleFlush);
    this.idleFlush = undefined;
    const position = this.position;
    if (position === null || (this.savedPosition !== null && position <= this.savedPosition)) return;
    await this.readStore.saveCheckpoint(this.definition.name, position);
    this.saved(position);
  }

  private saved(position: bigint): void {
    clearTimeout(this.idleFlush);
    this.idleFlush = undefined;
    this.unsaved = 0;
    this.lastSaveAt = Date.now();
    if (this.savedPosition === null || position > this.savedPosition) this.savedPosition = position;
  }

  /** Read-your-writes from a process that does not run this projection: trust the stored checkpoint. */
  async refreshFromStore(): Promise<void> {
    if (this.live) return;
    this.position = await this.readStore.getCheckpoint(this.definition.name);
  }

  private scheduleIdleFlush(): void {
    if (this.idleFlush) return;
    this.idleFlush = setTimeout(() => {
      this.idleFlush = undefined;
      this.flush().catch((error: Error) =>
        this.logger.error(`Projection ${this.definition.name}: checkpoint not saved: ${error.message}`),
      );
    }, this.options.checkpointIntervalMs);
    this.idleFlush.unref();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeRetry = done;
    });
  }
}
