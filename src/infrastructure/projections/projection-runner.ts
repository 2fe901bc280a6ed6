import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../read-store/read-store.port';
import { PositionWaiters } from './position-waiters';
import type { ProjectionDefinition, ProjectionStatus, RebuildProgress, RebuildResult } from './projection';
import { rebuildProjection } from './projection-rebuild';
import {
  DEFAULT_PROJECTION_RUNNER_OPTIONS,
  PROJECTION_RUNNER_OPTIONS,
  type ProjectionRunnerOptions,
  retryDelayMs,
} from './projection-runner.options';
import { ProjectionThread } from './projection-thread';
import { markProjecting, projectingMarkerFile, unmarkProjecting } from './projecting-process-marker';
import { projectionThreadScript, projectionsInThread } from './projection-thread-script';
import { ProjectionWorker } from './projection-worker';
import { UnknownProjectionError } from './unknown-projection.error';

/** What the runner reads of the configuration (tests give only runProjections). */
export type ProjectionRunnerConfig = Pick<AppConfig, 'runProjections'> &
  Partial<Pick<AppConfig, 'projectionThread' | 'eventStore' | 'readStore'>>;

/** How often the projection thread's event store looks for the app thread's appends. */
const THREAD_POLL_INTERVAL_MS = 5;

/**
 * Runs the registered projections, one subscription each, from application bootstrap to
 * shutdown (unless RUN_PROJECTIONS=false), and offers read-your-writes, status and rebuilds.
 * With PROJECTION_THREAD=true (and stores another connection can open) they run in a worker
 * thread, which reports every batch here. Slices call register() in their module's onModuleInit.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly workers = new Map<string, ProjectionWorker>();
  private readonly waiters = new PositionWaiters();
  private readonly options: ProjectionRunnerOptions;
  private started = false;
  private head = 0n;
  private headTimer: NodeJS.Timeout | undefined;
  private thread: ProjectionThread | undefined;
  /** The projections given to the thread (registered before it started). */
  private threadNames = new Set<string>();
  /** Projections being rebuilt in this thread: the projection thread's reports about them are stale. */
  private readonly rebuilding = new Set<string>();
  /** The marker naming this process as the read store's projector (embedded store only). */
  private markerFile: string | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: ProjectionRunnerConfig,
    @Optional() @Inject(PROJECTION_RUNNER_OPTIONS) options?: Partial<ProjectionRunnerOptions>,
  ) {
    this.options = { ...DEFAULT_PROJECTION_RUNNER_OPTIONS, ...options };
  }

  register(definition: ProjectionDefinition): void {
    if (this.workers.has(definition.name)) throw new Error(`Projection ${definition.name} is registered twice`);
    const worker = new ProjectionWorker(
      definition,
      this.eventStore,
      this.readStore,
      this.options,
      () => this.advanced(worker),
      this.logger,
    );
    this.workers.set(definition.name, worker);
    if (this.started) worker.start();
  }

  names(): string[] {
    return [...this.workers.keys()];
  }

  /** Awaited by Nest before the server listens, so no request waits for projections that are not there yet. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runProjections) {
      this.logger.log('RUN_PROJECTIONS=false: projections are not run in this process');
      return;
    }
    this.markProjecting();
    if (projectionsInThread(this.config)) await this.startThread();
    else this.start();
  }

  /** Tells `npm run projections:rebuild` that live projections write into this embedded read store. */
  private markProjecting(): void {
    const file = this.config.readStore?.kind === 'embedded' ? projectingMarkerFile(this.config.readStore.file) : null;
    if (!file) return;
    const failed = markProjecting(file);
    if (failed)
      this.logger.warn(`${file} not written (${failed}): projections:rebuild cannot see that this process projects`);
    else this.markerFile = file;
  }

  /** After the HTTP server has drained (onModuleDestroy), before the stores close (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const worker of this.workers.values()) worker.start();
    this.watchHead();
  }

  /** Runs the registered projections in the projection thread; a projection registered later runs here. */
  async startThread(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const { eventStore, readStore } = this.config;
    if (!eventStore || !readStore) throw new Error("the projection thread needs the stores' configuration");
    this.threadNames = new Set(this.names());
    const data = {
      names: [...this.threadNames],
      eventStore,
      readStore,
      options: this.options,
      pollIntervalMs: THREAD_POLL_INTERVAL_MS,
    };
    this.thread = new ProjectionThread(
      projectionThreadScript(),
      data,
      {
        progress: (snapshot, recordedAt, appliedAt, failures) => {
          const worker = this.workers.get(snapshot.name);
          // A projection being rebuilt here reports its progress itself (a late batch report must not overwrite it).
          if (!worker || this.rebuilding.has(snapshot.name)) return;
          worker.mirror(snapshot, recordedAt, appliedAt, failures);
          this.advanced(worker);
        },
        ended: () => {
          for (const worker of this.workers.values()) worker.unmirror();
        },
      },
      this.logger,
      (failures) => retryDelayMs(failures, this.options),
    );
    this.watchHead();
    if (await this.thread.start()) this.logger.log(`Projections run in a worker thread: ${data.names.join(', ')}`);
    else this.logger.error('The projection thread has not started; the server listens without it (see /ready)');
  }

  private watchHead(): void {
    void this.refreshHead();
    this.headTimer = setInterval(() => void this.refreshHead(), this.options.headRefreshMs);
    this.headTimer.unref();
  }

  /** Each projection finishes the event in progress and saves its checkpoint. */
  async stop(): Promise<void> {
    if (this.markerFile) unmarkProjecting(this.markerFile);
    this.markerFile = undefined;
    this.started = false;
    clearInterval(this.headTimer);
    const thread = this.thread;
    this.thread = undefined;
    this.threadNames = new Set();
    await Promise.all([
      thread?.stop(this.options.stopTimeoutMs + 1000),
      ...[...this.workers.values()].map((worker) => worker.stop()),
    ]);
    for (const worker of this.workers.values()) worker.unmirror();
    this.waiters.cancelAll();
  }

  /**
   * Read-your-writes: true once every named projection has processed `position`, false after
   * `timeoutMs`. Projections not running in this process are judged by their stored checkpoint.
   */
  waitFor(position: bigint, projectionNames: string[], timeoutMs: number): Promise<boolean> {
    const workers = projectionNames.map((name) => this.worker(name));
    const reached = () => workers.every((worker) => worker.position !== null && worker.position >= position);
    const remote = workers.filter((worker) => !worker.live);
    if (remote.length === 0) return this.waiters.wait(reached, timeoutMs);
    const refresh = async () => void (await Promise.all(remote.map((worker) => worker.refreshFromStore())));
    return refresh().then(() =>
      this.waiters.wait(reached, timeoutMs, { everyMs: this.options.remoteCheckpointPollMs, refresh }),
    );
  }

  /**
   * `behind`: the projection has not yet reached the log's head as last read (every second).
   * `lastLagMs`: the lag of the last applied event or, when behind, how long events have been
   * waiting if that is more. Ready means running, no error, and not behind by more than a bound.
   */
  status(): ProjectionStatus[] {
    const now = Date.now();
    return [...this.workers.values()].map((worker) => {
      const behind = worker.live
        ? worker.head.behind
        : worker.position === null
          ? this.head > 0n
          : worker.position < this.head;
      return {
        name: worker.definition.name,
        checkpoint: worker.position === null ? null : worker.position.toString(),
        behind,
        // Behind, the lag of events still waiting counts too: at least as old as the oldest unreached head.
        lastLagMs: Math.max(worker.lastLagMs, worker.head.behindForMs(now)),
        running: worker.running,
        ...(worker.error === undefined ? {} : { error: worker.error }),
      };
    });
  }

  /** Rebuilds from position 0; a projection running here is paused meanwhile, then resumes. */
  async rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const worker = this.worker(name);
    const thread = this.thread;
    // Every projection registered before the thread started runs there, whether or not it has reported yet.
    const inThread = thread !== undefined && this.threadNames.has(name);
    const wasLive = worker.live && !inThread;
    this.rebuilding.add(name);
    if (inThread) {
      await thread.pause(name);
      worker.unmirror();
    } else await worker.stop();
    worker.position = null; // read-your-writes waits for the rebuild to pass the position again
    const progress = (report: RebuildProgress) => {
      worker.position = report.position;
      this.advanced(worker);
      onProgress?.(report);
    };
    try {
      this.logger.log(`Rebuilding projection ${name} from position 0`);
      const result = await rebuildProjection(
        worker.definition,
        this.eventStore,
        this.readStore,
        progress,
        this.options.rebuildBatchSize,
      );
      return result;
    } finally {
      this.rebuilding.delete(name);
      if (inThread) thread.resume(name);
      else if (wasLive && this.started) worker.start();
    }
  }

  private worker(name: string): ProjectionWorker {
    const worker = this.workers.get(name);
    if (!worker) throw new UnknownProjectionError(name, this.names());
    return worker;
  }

  private advanced(worker: ProjectionWorker): void {
    if (worker.position !== null && worker.position > this.head) this.head = worker.position;
    this.waiters.check();
  }

  private async refreshHead(): Promise<void> {
    try {
      const readAt = Date.now();
      const head = await this.eventStore.headPosition();
      if (head > this.head) this.head = head;
      for (const worker of this.workers.values()) if (worker.live) worker.head.observe(head, worker.position, readAt);
    } catch (error) {
      this.logger.warn(`Cannot read the event log's head: ${(error as Error).message}`);
    }
  }
}
