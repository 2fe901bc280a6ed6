/**
 * The projection thread (PROJECTION_THREAD=true): the app's projections applied on a core of
 * their own, with their own store connections, so applying events does not queue behind HTTP
 * requests on the app thread (and requests not behind projections). It reports each projection's
 * progress to the app thread, which answers read-your-writes, /ready and /metrics from it.
 */
import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
// Loading the modules registers every event type (their module-level registrations), as in the app.
import '../app.module';
import { createEventStore } from '../infrastructure/event-store/event-store.factory';
import type { EventStore } from '../infrastructure/event-store/event-store.port';
import { createReadStore } from '../infrastructure/read-store/read-store.factory';
import type { ReadStore } from '../infrastructure/read-store/read-store.port';
import { type ProjectionMeterSink, ProjectionWorker } from '../infrastructure/projections/projection-worker';
import type {
  FromProjectionThread,
  ProjectionThreadData,
  ToProjectionThread,
} from '../infrastructure/projections/projection-thread.protocol';
import { APP_PROJECTIONS } from './app-projections';

/** How often a projection whose state changed without a batch (started, failed) is reported. */
const REPORT_INTERVAL_MS = 100;

const port = parentPort;
if (!port) throw new Error('projection-thread.worker runs only as a worker thread');
const data = workerData as ProjectionThreadData;
const post = (message: FromProjectionThread) => port.postMessage(message);
const logger = {
  log: (message: string) => post({ type: 'log', level: 'log', message }),
  warn: (message: string) => post({ type: 'log', level: 'warn', message }),
  error: (message: string) => post({ type: 'log', level: 'error', message }),
};

/** One projection in the thread, with what it has to report since its last message. */
class ReportedProjection implements ProjectionMeterSink {
  readonly worker: ProjectionWorker;
  private recordedAt: string[] = [];
  private appliedAt = 0;
  private failures = 0;
  private reported = '';

  constructor(name: string, eventStore: EventStore, readStore: ReadStore) {
    const definition = APP_PROJECTIONS.find((candidate) => candidate.name === name);
    if (!definition) throw new Error(`projection thread: no projection named ${name}`);
    this.worker = new ProjectionWorker(
      definition,
      eventStore,
      readStore,
      data.options,
      () => this.report(),
      logger,
      this,
    );
  }

  recordApplied(recordedAt: readonly string[], appliedAt = Date.now()): number {
    this.recordedAt.push(...recordedAt);
    this.appliedAt = appliedAt;
    return recordedAt.length === 0 ? 0 : Math.max(0, appliedAt - Date.parse(recordedAt[recordedAt.length - 1]));
  }

  recordFailure(): void {
    this.failures++;
  }

  /** After every batch, and whenever the projection's state changed since the last report. */
  report(onlyIfChanged = false): void {
    const snapshot = this.worker.snapshot();
    const key = JSON.stringify(snapshot);
    if (onlyIfChanged && key === this.reported && this.failures === 0) return;
    this.reported = key;
    post({
      type: 'progress',
      snapshot,
      recordedAt: this.recordedAt,
      appliedAt: this.appliedAt,
      failures: this.failures,
    });
    this.recordedAt = [];
    this.failures = 0;
  }
}

async function main(): Promise<void> {
  const eventStore = await createEventStore(data.eventStore, { pollIntervalMs: data.pollIntervalMs });
  const readStore = await createReadStore(data.readStore);
  const projections = new Map(
    data.names.map((name) => [name, new ReportedProjection(name, eventStore, readStore)] as const),
  );
  const timer = setInterval(() => {
    for (const projection of projections.values()) projection.report(true);
  }, REPORT_INTERVAL_MS);

  port!.on('message', (message: ToProjectionThread) => {
    if (message.type === 'pause') {
      const projection = projections.get(message.name);
      void (projection ? projection.worker.stop() : Promise.resolve()).then(() => {
        projection?.report();
        post({ type: 'paused', id: message.id });
      });
    } else if (message.type === 'resume') {
      projections.get(message.name)?.worker.start();
    } else if (message.type === 'stop') {
      clearInterval(timer);
      void Promise.all([...projections.values()].map(({ worker }) => worker.stop()))
        .then(() => Promise.all([eventStore.close(), readStore.close()]))
        .finally(() => {
          post({ type: 'stopped' });
          port!.close();
        });
    }
  });
  const paused = new Set(data.paused ?? []);
  for (const [name, projection] of projections) if (!paused.has(name)) projection.worker.start();
  post({ type: 'ready' });
}

main().catch((error: unknown) => {
  logger.error(`projection thread failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
