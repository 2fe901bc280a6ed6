/**
 * npm run bench:store — the embedded event store through its port, next to plain better-sqlite3
 * on the same schema, in one run: single-event appends with an expected revision, batches of 100,
 * then a replay of everything. Writes bench/results/store.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventRegistry } from '../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../src/infrastructure/event-store/serialization/event-serializer';
import { openEventDatabase } from '../src/infrastructure/event-store/sqlite/sqlite-database';
import { SqliteEventStore } from '../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { writeBenchReport } from './support/bench-report';
import { printTable } from './support/bench-table';
import { RawEventLog } from './support/raw-event-log';
import { BENCH_EVENT_TYPE, benchEvent, storedSize } from './support/store-bench-events';
import { appendBatches, appendSingles, type Duel, replay } from './support/store-bench-phases';
import { perSecond } from './support/timing';

const SETTINGS = { singleEvents: 20_000, batchSize: 100, batchedEvents: 200_000, streams: 500, rounds: 4 };
const REPLAY = { batchSize: 1000, rounds: 3 };

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const portFile = join(folder, 'port.sqlite');
  const serializer = new EventSerializer(new EventRegistry().registerTypes(BENCH_EVENT_TYPE));
  const store = new SqliteEventStore({ file: portFile, serializer });
  const rawDb = openEventDatabase({ file: join(folder, 'raw.sqlite'), synchronous: 'normal', busyTimeoutMs: 5000 });
  const raw = new RawEventLog(rawDb);
  try {
    const { singleEvents, batchedEvents, streams, rounds, batchSize } = SETTINGS;
    const single = await appendSingles(raw, store, { events: singleEvents, streams, rounds });
    const batched = await appendBatches(raw, store, { events: batchedEvents, batchSize, rounds });
    const events = singleEvents + batchedEvents;
    const read = await replay(store, portFile, { events, ...REPLAY });
    report(single, batched, read, events);
  } finally {
    await store.close();
    rawDb.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

function report(single: Duel, batched: Duel, read: Duel, events: number): void {
  const ratio = (port: number, raw: number) => Math.round((port / raw) * 100) / 100;
  const rates = (count: number, duel: Duel, clock: 'wallMs' | 'cpuMs') => ({
    port: perSecond(count, duel.port[clock]),
    raw: perSecond(count, duel.raw[clock]),
  });
  const [append, batch, replayed] = [
    rates(SETTINGS.singleEvents, single, 'wallMs'),
    rates(SETTINGS.batchedEvents, batched, 'wallMs'),
    rates(events, read, 'wallMs'),
  ];
  const ratios = {
    appendRatio: ratio(append.port, append.raw),
    batchAppendRatio: ratio(batch.port, batch.raw),
    replayRatio: ratio(replayed.port, replayed.raw),
  };
  const targets = {
    appendAtLeastHalfOfRaw: ratios.appendRatio >= 0.5,
    replayAtLeast100kPerSec: replayed.port >= 100_000,
    replayAtLeastHalfOfRaw: ratios.replayRatio >= 0.5,
  };
  const perCpuSecond = {
    append: rates(SETTINGS.singleEvents, single, 'cpuMs'),
    batchAppend: rates(SETTINGS.batchedEvents, batched, 'cpuMs'),
    replay: rates(events, read, 'cpuMs'),
  };
  const file = writeBenchReport('store', {
    events,
    eventBytes: storedSize(benchEvent(123_456)),
    appendPerSec: append.port,
    rawAppendPerSec: append.raw,
    batchAppendPerSec: batch.port,
    rawBatchAppendPerSec: batch.raw,
    replayPerSec: replayed.port,
    rawReplayPerSec: replayed.raw,
    ...ratios,
    targets,
    perCpuSecond,
    settings: { ...SETTINGS, replay: REPLAY, journal: 'WAL', synchronous: 'NORMAL' },
  });
  const verdict = (met: boolean, rule: string) => `${met ? 'met' : 'MISSED'} (${rule})`;
  const row = (
    operation: string,
    wall: { port: number; raw: number },
    cpu: { port: number; raw: number },
    target: string,
  ) => ({
    operation,
    port: wall.port,
    raw: wall.raw,
    ratio: ratio(wall.port, wall.raw),
    'port/cpu-s': cpu.port,
    'raw/cpu-s': cpu.raw,
    target,
  });
  printTable(
    `Event store: ${events.toLocaleString('en-US')} events of ~${storedSize(benchEvent(123_456))} bytes, events/s`,
    [
      row(
        'append, 1 event per transaction',
        append,
        perCpuSecond.append,
        verdict(targets.appendAtLeastHalfOfRaw, 'ratio >= 0.5'),
      ),
      row(`append, batches of ${SETTINGS.batchSize}`, batch, perCpuSecond.batchAppend, '-'),
      row(
        'replay all in order',
        replayed,
        perCpuSecond.replay,
        verdict(targets.replayAtLeast100kPerSec && targets.replayAtLeastHalfOfRaw, '>= 100k/s, ratio >= 0.5'),
      ),
    ],
  );
  console.log(`\nLoad average ${describeLoad()}; written to ${file}`);
}

const describeLoad = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
