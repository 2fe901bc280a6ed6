/**
 * npm run bench:projection — can a projection keep up with 2,000 events/s?
 * Appends single-event commands (expected revision, one transaction each) at a steady rate for
 * ~10 s through the embedded SQLite event store, while a ProjectionRunner projects them into the
 * embedded read store (a get + position-guarded put per event, as real projections do).
 * Lag per event = when the batch holding it committed (readers see it) − recordedAt.
 * Two deployments, both real: one process appending and projecting on one event loop, and the
 * appends in a second process (an API process with RUN_PROJECTIONS=false beside a projecting
 * one; the runner then finds appends by the event store's 25 ms poll). Target: lag p99 < 100 ms.
 * Then rebuilds the read model from position 0 (rebuildPerSec). Writes bench/results/projection.json.
 */
import { Logger } from '@nestjs/common';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventRegistry } from '../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import type { ProjectionDefinition } from '../src/infrastructure/projections/projection';
import { ProjectionRunner } from '../src/infrastructure/projections/projection-runner';
import { EmbeddedReadStore } from '../src/infrastructure/read-store/embedded/embedded-read-store';
import type { WriteScope } from '../src/infrastructure/read-store/read-store.port';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { BENCH_EVENT_TYPE, benchEvent } from './support/store-bench-events';
import { now, perSecond } from './support/timing';

const RATE_PER_SEC = 2000;
const DURATION_MS = 10_000;
const STREAMS = 5000;
const TICK_MS = 2;
const TARGET_P99_MS = 100;

interface ContactView extends Record<string, unknown> {
  id: string;
  phone: string;
  province: string;
  changes: number;
}

/**
 * The read store, measuring lag when a batch commits (when readers can see the events):
 * commit time − each event's recordedAt.
 */
class MeasuredReadStore extends EmbeddedReadStore {
  readonly lags: number[] = [];
  readonly uncommitted: number[] = [];

  override async batch<T>(work: (scope: WriteScope) => Promise<T>): Promise<T> {
    const result = await super.batch(work);
    const committedAt = Date.now();
    for (const recordedAt of this.uncommitted.splice(0)) this.lags.push(committedAt - recordedAt);
    return result;
  }
}

/** A read-modify-write projection like the real ones. */
function contactsProjection(measured: MeasuredReadStore): ProjectionDefinition {
  return {
    name: 'bench-contacts',
    collections: [{ name: 'bench_contacts', indexes: [{ fields: [['province', 1]] }] }],
    eventTypes: [BENCH_EVENT_TYPE],
    async apply(event, store) {
      const contacts = store.collection<ContactView>('bench_contacts');
      const data = event.data as { phone: string; province: string };
      const current = await contacts.get(event.streamId);
      const view = { id: event.streamId, ...data, changes: (current?.doc.changes ?? 0) + 1 };
      await contacts.put(event.streamId, view, event.position);
      measured.uncommitted.push(Date.parse(event.recordedAt));
    },
  };
}

/** Appends at a steady rate: every tick, as many single-event commands as are due by now. */
async function appendSteadily(store: SqliteEventStore): Promise<AppendRun> {
  const revisions = new Array<bigint>(STREAMS).fill(-1n);
  const started = now();
  let sent = 0;
  while (now() - started < DURATION_MS) {
    const due = Math.floor(((now() - started) * RATE_PER_SEC) / 1000);
    for (; sent < due; sent++) {
      const stream = sent % STREAMS;
      const expected = revisions[stream];
      const result = await store.append(
        `benchCandidate-${stream}`,
        [benchEvent(sent)],
        expected < 0n ? 'no_stream' : expected,
      );
      revisions[stream] = result.nextRevision;
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  return { sent, elapsedMs: now() - started };
}

interface AppendRun {
  sent: number;
  elapsedMs: number;
}

const openEventStore = (file: string) =>
  new SqliteEventStore({ file, serializer: new EventSerializer(new EventRegistry().registerTypes(BENCH_EVENT_TYPE)) });

/** The appending process of the two-process scenario: `projection.bench.js --append <events file>`. */
async function appenderProcess(file: string): Promise<void> {
  const events = openEventStore(file);
  const run = await appendSteadily(events);
  await events.close();
  process.send?.(run);
}

function appendInChildProcess(file: string): Promise<AppendRun> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--append', file]);
    child.once('message', (run) => resolve(run as AppendRun));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`appender exited with ${code}`))));
  });
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

type Scenario = 'one process' | 'appends in another process';

async function runScenario(scenario: Scenario) {
  const dir = mkdtempSync(join(tmpdir(), 'projection-bench-'));
  const eventFile = join(dir, 'events.sqlite');
  const events = openEventStore(eventFile);
  const reads = new MeasuredReadStore({ file: join(dir, 'read-models.sqlite') });
  const runner = new ProjectionRunner(events, reads, { runProjections: true });
  try {
    runner.register(contactsProjection(reads));
    runner.start();
    console.log(`${scenario}: appending ${RATE_PER_SEC} events/s for ${DURATION_MS / 1000} s while projecting…`);
    const cpuBefore = process.cpuUsage();
    const { sent, elapsedMs } =
      scenario === 'one process' ? await appendSteadily(events) : await appendInChildProcess(eventFile);
    const caughtUp = await runner.waitFor(await events.headPosition(), ['bench-contacts'], 60_000);
    const cpu = process.cpuUsage(cpuBefore);
    const liveLags = reads.lags.splice(0); // the rebuild below applies every event again
    if (!caughtUp || liveLags.length !== sent) {
      throw new Error(`The projection applied ${liveLags.length} of ${sent} events (caught up: ${caughtUp})`);
    }
    const rebuilt = await runner.rebuild('bench-contacts');
    const sorted = liveLags.sort((a, b) => a - b);
    return {
      scenario,
      appendedEvents: sent,
      appendRatePerSec: perSecond(sent, elapsedMs),
      lagP50Ms: percentile(sorted, 0.5),
      lagP99Ms: percentile(sorted, 0.99),
      lagMaxMs: sorted[sorted.length - 1] ?? 0,
      lagMeanMs: Math.round((sorted.reduce((sum, lag) => sum + lag, 0) / Math.max(1, sorted.length)) * 100) / 100,
      p99BelowTarget: percentile(sorted, 0.99) < TARGET_P99_MS,
      // Load-independent: CPU of this process per event (one process: appending and projecting it).
      cpuMsPerEvent: Math.round(((cpu.user + cpu.system) / 1000 / Math.max(1, sent)) * 1000) / 1000,
      rebuildPerSec: rebuilt.eventsPerSec,
    };
  } finally {
    await runner.stop();
    await events.close();
    await reads.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const scenarios = [await runScenario('one process'), await runScenario('appends in another process')];
  printTable(
    `Projection lag at ${RATE_PER_SEC} events/s (embedded stores; target p99 < ${TARGET_P99_MS} ms)`,
    scenarios.map((result) => ({
      scenario: result.scenario,
      'events/s': result.appendRatePerSec,
      events: result.appendedEvents,
      'p50 ms': result.lagP50Ms,
      'p99 ms': result.lagP99Ms,
      'max ms': result.lagMaxMs,
      'CPU ms/event': result.cpuMsPerEvent,
      'rebuild events/s': result.rebuildPerSec,
      'p99 < 100 ms': result.p99BelowTarget ? 'yes' : 'NO',
    })),
  );
  const file = writeBenchReport('projection', {
    targetRatePerSec: RATE_PER_SEC,
    durationMs: DURATION_MS,
    targetP99Ms: TARGET_P99_MS,
    lagResolution: 'milliseconds (recordedAt is an ISO timestamp)',
    scenarios,
  });
  console.log(`\nWrote ${file}`);
}

if (process.argv[2] === '--append') {
  appenderProcess(process.argv[3]).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
