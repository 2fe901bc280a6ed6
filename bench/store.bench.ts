/**
 * npm run bench:store — the embedded event store through its port, next to plain better-sqlite3
 * on the same schema, in one run: single-event appends with an expected revision, batches of 100,
 * then a replay of everything. Raw and port alternate in rounds so that load from other processes
 * on the machine hits both alike. Writes bench/results/store.json.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { EventRegistry } from '../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../src/infrastructure/event-store/serialization/event-serializer';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { RawEventLog } from './support/raw-event-log';
import { BENCH_EVENT_TYPE, benchBatch, benchEvent, storedSize } from './support/store-bench-events';
import { now, perSecond } from './support/timing';

const SINGLE_EVENTS = 20_000;
const BATCH_SIZE = 100;
const BATCHED_EVENTS = 200_000;
const STREAMS = 500;
const ROUNDS = 4;
const REPLAY_BATCH = 1000;
const REPLAY_ROUNDS = 3;

interface Elapsed {
  raw: number;
  port: number;
}

async function appendSingles(raw: RawEventLog, store: SqliteEventStore, elapsed: Elapsed): Promise<void> {
  const rawRevisions = new Array<number>(STREAMS).fill(-1);
  const portRevisions = new Array<bigint>(STREAMS).fill(-1n);
  const perRound = SINGLE_EVENTS / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const events = Array.from({ length: perRound }, (_, index) => benchEvent(round * perRound + index));
    let started = now();
    for (let index = 0; index < events.length; index++) {
      const stream = index % STREAMS;
      raw.append(`single-${stream}`, rawRevisions[stream], [events[index]]);
      rawRevisions[stream] += 1;
    }
    elapsed.raw += now() - started;
    started = now();
    for (let index = 0; index < events.length; index++) {
      const stream = index % STREAMS;
      const expected = portRevisions[stream];
      const result = await store.append(`single-${stream}`, [events[index]], expected < 0n ? 'no_stream' : expected);
      portRevisions[stream] = result.nextRevision;
    }
    elapsed.port += now() - started;
  }
}

async function appendBatches(raw: RawEventLog, store: SqliteEventStore, elapsed: Elapsed): Promise<void> {
  const streams = BATCHED_EVENTS / BATCH_SIZE / ROUNDS;
  for (let round = 0; round < ROUNDS; round++) {
    const batches = Array.from({ length: streams }, (_, index) => benchBatch(BATCH_SIZE, index * BATCH_SIZE));
    const revision = BigInt(round * BATCH_SIZE - 1);
    let started = now();
    for (let index = 0; index < batches.length; index++) raw.append(`batch-${index}`, Number(revision), batches[index]);
    elapsed.raw += now() - started;
    started = now();
    for (let index = 0; index < batches.length; index++)
      await store.append(`batch-${index}`, batches[index], round === 0 ? 'no_stream' : revision);
    elapsed.port += now() - started;
  }
}

async function replayThroughPort(store: SqliteEventStore): Promise<number> {
  let count = 0;
  let after = 0n;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: REPLAY_BATCH });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

/** Best of several alternating rounds on the same file: reading is short and easily disturbed. */
async function replay(store: SqliteEventStore, file: string, expected: number): Promise<Elapsed> {
  const reader = new RawEventLog(new Database(file, { readonly: true }));
  const best = { raw: Infinity, port: Infinity };
  for (let round = 0; round < REPLAY_ROUNDS; round++) {
    let started = now();
    if (reader.replay() !== expected) throw new Error('raw replay missed events');
    best.raw = Math.min(best.raw, now() - started);
    started = now();
    if ((await replayThroughPort(store)) !== expected) throw new Error('port replay missed events');
    best.port = Math.min(best.port, now() - started);
  }
  return best;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const portFile = join(folder, 'port.sqlite');
  const registry = new EventRegistry().registerTypes(BENCH_EVENT_TYPE);
  const store = new SqliteEventStore({ file: portFile, serializer: new EventSerializer(registry) });
  const rawDb = openEventDatabase({ file: join(folder, 'raw.sqlite'), synchronous: 'normal', busyTimeoutMs: 5000 });
  const raw = new RawEventLog(rawDb);
  try {
    const single = { raw: 0, port: 0 };
    await appendSingles(raw, store, single);
    const batched = { raw: 0, port: 0 };
    await appendBatches(raw, store, batched);
    const events = SINGLE_EVENTS + BATCHED_EVENTS;
    const read = await replay(store, portFile, events);
    report(single, batched, read, events);
  } finally {
    await store.close();
    rawDb.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function report(single: Elapsed, batched: Elapsed, read: Elapsed, events: number): void {
  const ratio = (port: number, raw: number) => Math.round((port / raw) * 100) / 100;
  const figures = {
    events,
    eventBytes: storedSize(benchEvent(123_456)),
    appendPerSec: perSecond(SINGLE_EVENTS, single.port),
    rawAppendPerSec: perSecond(SINGLE_EVENTS, single.raw),
    batchAppendPerSec: perSecond(BATCHED_EVENTS, batched.port),
    rawBatchAppendPerSec: perSecond(BATCHED_EVENTS, batched.raw),
    replayPerSec: perSecond(events, read.port),
    rawReplayPerSec: perSecond(events, read.raw),
  };
  const ratios = {
    appendRatio: ratio(figures.appendPerSec, figures.rawAppendPerSec),
    batchAppendRatio: ratio(figures.batchAppendPerSec, figures.rawBatchAppendPerSec),
    replayRatio: ratio(figures.replayPerSec, figures.rawReplayPerSec),
  };
  const targets = {
    appendAtLeastHalfOfRaw: ratios.appendRatio >= 0.5,
    replayAtLeast100kPerSec: figures.replayPerSec >= 100_000,
    replayAtLeastHalfOfRaw: ratios.replayRatio >= 0.5,
  };
  const settings = {
    singleEvents: SINGLE_EVENTS,
    batchSize: BATCH_SIZE,
    batchedEvents: BATCHED_EVENTS,
    streams: STREAMS,
  };
  const file = writeBenchReport('store', {
    ...figures,
    ...ratios,
    targets,
    settings,
    synchronous: 'NORMAL',
    journal: 'WAL',
  });
  printTable(`Event store: ${events.toLocaleString('en-US')} events of ~${figures.eventBytes} bytes (events/s)`, [
    {
      operation: 'append, 1 event per transaction',
      port: figures.appendPerSec,
      raw: figures.rawAppendPerSec,
      ratio: ratios.appendRatio,
      target: targets.appendAtLeastHalfOfRaw ? 'met (>= 0.5)' : 'MISSED (>= 0.5)',
    },
    {
      operation: `append, batches of ${BATCH_SIZE}`,
      port: figures.batchAppendPerSec,
      raw: figures.rawBatchAppendPerSec,
      ratio: ratios.batchAppendRatio,
      target: '-',
    },
    {
      operation: 'replay all in order',
      port: figures.replayPerSec,
      raw: figures.rawReplayPerSec,
      ratio: ratios.replayRatio,
      target:
        targets.replayAtLeast100kPerSec && targets.replayAtLeastHalfOfRaw
          ? 'met (>= 100k/s, >= 0.5)'
          : 'MISSED (>= 100k/s, >= 0.5)',
    },
  ]);
  console.log(`\nWritten to ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
