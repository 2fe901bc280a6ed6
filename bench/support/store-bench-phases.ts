import Database from 'better-sqlite3';
import type { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { RawEventLog } from './raw-event-log';
import { benchBatch, benchEvent } from './store-bench-events';
import { type Elapsed, noTime, stopwatch } from './timing';

/** Time spent by the raw baseline and by the port on the same work. */
export interface Duel {
  raw: Elapsed;
  port: Elapsed;
}

export const newDuel = (): Duel => ({ raw: noTime(), port: noTime() });

/**
 * Single-event appends with the expected revision, round-robin over `streams` streams. Raw and
 * port alternate in `rounds` rounds on the same pre-built events, so that load from other
 * processes hits both alike.
 */
export async function appendSingles(
  raw: RawEventLog,
  store: SqliteEventStore,
  settings: { events: number; streams: number; rounds: number },
): Promise<Duel> {
  const duel = newDuel();
  const rawRevisions = new Array<number>(settings.streams).fill(-1);
  const portRevisions = new Array<bigint>(settings.streams).fill(-1n);
  const perRound = Math.floor(settings.events / settings.rounds);
  for (let round = 0; round < settings.rounds; round++) {
    const events = Array.from({ length: perRound }, (_, index) => benchEvent(round * perRound + index));
    let stop = stopwatch(duel.raw);
    for (let index = 0; index < events.length; index++) {
      const stream = index % settings.streams;
      raw.append(`single-${stream}`, rawRevisions[stream], [events[index]]);
      rawRevisions[stream] += 1;
    }
    stop();
    stop = stopwatch(duel.port);
    for (let index = 0; index < events.length; index++) {
      const stream = index % settings.streams;
      const expected = portRevisions[stream];
      const result = await store.append(`single-${stream}`, [events[index]], expected < 0n ? 'no_stream' : expected);
      portRevisions[stream] = result.nextRevision;
    }
    stop();
  }
  return duel;
}

/** Batches of `batchSize` events; each round appends one batch to each stream at its revision. */
export async function appendBatches(
  raw: RawEventLog,
  store: SqliteEventStore,
  settings: { events: number; batchSize: number; rounds: number },
): Promise<Duel> {
  const duel = newDuel();
  const streams = Math.floor(settings.events / settings.batchSize / settings.rounds);
  for (let round = 0; round < settings.rounds; round++) {
    const batches = Array.from({ length: streams }, (_, index) => benchBatch(settings.batchSize, index));
    const revision = round * settings.batchSize - 1;
    let stop = stopwatch(duel.raw);
    for (let index = 0; index < batches.length; index++) raw.append(`batch-${index}`, revision, batches[index]);
    stop();
    stop = stopwatch(duel.port);
    for (let index = 0; index < batches.length; index++)
      await store.append(`batch-${index}`, batches[index], round === 0 ? 'no_stream' : BigInt(revision));
    stop();
  }
  return duel;
}

async function replayThroughPort(store: SqliteEventStore, batchSize: number): Promise<number> {
  let count = 0;
  let after = 0n;
  for (;;) {
    const batch = await store.readAll({ after, maxCount: batchSize });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

/** Replays the port's file both ways, alternating; keeps each side's fastest round. */
export async function replay(
  store: SqliteEventStore,
  file: string,
  settings: { events: number; batchSize: number; rounds: number },
): Promise<Duel> {
  const connection = new Database(file, { readonly: true });
  const reader = new RawEventLog(connection);
  const best = { raw: { wallMs: Infinity, cpuMs: Infinity }, port: { wallMs: Infinity, cpuMs: Infinity } };
  const keepBest = (side: Elapsed, round: Elapsed) => {
    side.wallMs = Math.min(side.wallMs, round.wallMs);
    side.cpuMs = Math.min(side.cpuMs, round.cpuMs);
  };
  try {
    for (let round = 0; round < settings.rounds; round++) {
      const rawRound = noTime();
      let stop = stopwatch(rawRound);
      if (reader.replay() !== settings.events) throw new Error('The raw replay missed events');
      stop();
      keepBest(best.raw, rawRound);
      const portRound = noTime();
      stop = stopwatch(portRound);
      if ((await replayThroughPort(store, settings.batchSize)) !== settings.events)
        throw new Error('The port replay missed events');
      stop();
      keepBest(best.port, portRound);
    }
  } finally {
    connection.close();
  }
  return best;
}
