import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError } from '../../src/infrastructure/event-store/event-store.errors';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import {
  SqliteEventStore,
  type SqliteEventStoreOptions,
} from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { testEventStore } from './event-store.contract';
import { contractEvent, contractEvents, contractMetadata, uniqueStream } from './support/contract-events';
import { SubscriptionCollector } from './support/subscription-collector';

const folder = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
const file = join(folder, 'nested', 'events.sqlite');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Plants a row the port would never write (unknown type, malformed JSON) at the stream's next revision. */
async function writeRaw(stream: string, type: string, dataJson: string): Promise<void> {
  const db = new Database(file);
  try {
    db.prepare(
      `INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at)
       SELECT ?, COALESCE(MAX(revision) + 1, 0), ?, ?, ?, ?, ? FROM events WHERE stream_id = ?`,
    ).run(
      stream,
      crypto.randomUUID(),
      type,
      dataJson,
      JSON.stringify(contractMetadata()),
      new Date().toISOString(),
      stream,
    );
  } finally {
    db.close();
  }
}

testEventStore(
  'SQLite (temp file)',
  async () => new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }),
  { writeRaw },
);

describe('SqliteEventStore, beyond the contract', () => {
  const serializer = new EventSerializer(eventRegistry);
  const open = (name: string, options: Partial<SqliteEventStoreOptions> = {}) =>
    new SqliteEventStore({ file: join(folder, name, 'events.sqlite'), serializer, ...options });

  it('sees another connection’s appends on a catch-up read, though it remembered the stream’s head', async () => {
    const [mine, theirs] = [open('heads'), open('heads')];
    const [known, unknown] = [uniqueStream(), uniqueStream()];
    await mine.append(known, [contractEvent({ n: 0 })], 'no_stream');
    expect(await mine.readStream(known, { fromRevision: 1n })).toEqual([]);
    expect(await mine.readStream(unknown)).toEqual([]);

    await theirs.append(known, [contractEvent({ n: 1 })], 0n);
    await theirs.append(unknown, [contractEvent({ n: 0 })], 'no_stream');

    expect((await mine.readStream(known, { fromRevision: 1n })).map((event) => event.data)).toEqual([{ n: 1 }]);
    expect(await mine.readStream(unknown)).toHaveLength(1);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('learns nothing of a stream’s head from a read limited to no events', async () => {
    const store = open('no-limit');
    const stream = uniqueStream();
    await store.append(stream, contractEvents(2), 'no_stream');
    expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
    expect(await store.readStream(stream, { fromRevision: 1n })).toHaveLength(1);
    await store.close();
  });

  it('answers a catch-up read with no news without a query while no other connection has committed', async () => {
    const store = open('no-news');
    const stream = uniqueStream();
    await store.append(stream, contractEvents(2), 'no_stream');
    const statements = (store as unknown as { statements: { readForwards: { all: () => unknown } } }).statements;
    const queries = jest.spyOn(statements.readForwards, 'all');

    expect(await store.readStream(stream, { fromRevision: 2n })).toEqual([]);
    expect(queries).not.toHaveBeenCalled();
    expect(await store.readStream(stream, { fromRevision: 1n })).toHaveLength(1);
    expect(queries).toHaveBeenCalledTimes(1);
    await store.close();
  });

  it('checkpoints the WAL from a thread of its own when asked; by default its commits do it', async () => {
    const dbSize = (name: string) => statSync(join(folder, name, 'events.sqlite')).size;
    // About 1,200 pages of 4 KiB: past SQLite's automatic checkpoint at 1,000.
    const fill = async (store: SqliteEventStore) => {
      for (let i = 0; i < 60; i++)
        await store.append(uniqueStream(), [contractEvent({ blob: 'x'.repeat(80_000) })], 'no_stream');
    };
    const own = open('checkpoint-on-commit');
    await fill(own);
    expect(dbSize('checkpoint-on-commit')).toBeGreaterThan(1_000_000);
    await own.close();

    // A thread-checkpointed store's commits leave the WAL alone below 10,000 pages...
    const idle = open('checkpoint-thread-idle', { walCheckpoints: 'thread', walCheckpointIntervalMs: 3_600_000 });
    await fill(idle);
    expect(dbSize('checkpoint-thread-idle')).toBeLessThan(100_000);
    await idle.close();
    // ...and its thread copies it into the database file.
    const threaded = open('checkpoint-thread', { walCheckpoints: 'thread' });
    const started = Date.now();
    await fill(threaded);
    while (dbSize('checkpoint-thread') < 4_000_000) {
      if (Date.now() - started > 10_000) throw new Error('the WAL was not checkpointed within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await threaded.headPosition()).toBe(60n);
    await threaded.close(); // stops the thread: Jest would report it as an open handle otherwise
  });

  it('creates its data directory and keeps the log in WAL mode', async () => {
    const store = open('fresh');
    await store.append(uniqueStream(), [contractEvent()], 'no_stream');
    await store.close();
    const db = new Database(join(folder, 'fresh', 'events.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('runs in memory too', async () => {
    const store = new SqliteEventStore({ file: ':memory:', serializer, synchronous: 'full' });
    const stream = uniqueStream();
    await store.append(stream, [contractEvent()], 'no_stream');
    expect(await store.readStream(stream)).toHaveLength(1);
    expect(await store.headPosition()).toBe(1n);
    await store.close();
  });

  it('wakes a subscription on appends made through another connection (another process) by polling', async () => {
    const reader = open('shared', { pollIntervalMs: 10 });
    const writer = open('shared');
    const stream = uniqueStream();
    const collector = new SubscriptionCollector(reader.subscribeToAll(), (event) => event.streamId === stream);
    await writer.append(stream, [contractEvent(), contractEvent()], 'no_stream');
    await collector.waitFor(2, 2000);
    await Promise.all([reader.close(), writer.close()]);
    await collector.finished;
  });

  it('catches up across many read batches without gaps or repeats while appends continue', async () => {
    const store = open('long-log');
    const stream = uniqueStream();
    for (let batch = 0; batch < 12; batch++)
      await store.append(stream, contractEvents(100), batch === 0 ? 'no_stream' : BigInt(batch * 100 - 1));
    const collector = new SubscriptionCollector(store.subscribeToAll(), () => true);
    for (let more = 0; more < 50; more++) await store.append(stream, [contractEvent()], 'stream_exists');
    await collector.waitFor(1250);
    expect(collector.events.map((event) => event.revision)).toEqual(
      Array.from({ length: 1250 }, (_, index) => BigInt(index)),
    );
    await store.close();
    await collector.finished;
  });

  it('ends open subscriptions when it closes', async () => {
    const store = open('closing');
    const collector = new SubscriptionCollector(store.subscribeToAll(), () => true);
    await store.close();
    await expect(collector.finished).resolves.toBeUndefined();
  });

  it('reports a write lock held too long by another process as unavailable, writing nothing', async () => {
    const store = open('busy', { busyTimeoutMs: 50 });
    const stream = uniqueStream();
    await store.append(stream, [contractEvent()], 'no_stream');
    const other = new Database(join(folder, 'busy', 'events.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    await expect(store.append(stream, [contractEvent()], 0n)).rejects.toBeInstanceOf(EventStoreUnavailableError);
    other.exec('ROLLBACK');
    other.close();
    expect(await store.readStream(stream)).toHaveLength(1);
    await store.close();
  });

  it('refuses only the one that conflicts among appends made together (one commit: see group-commit.spec)', async () => {
    const store = open('group');
    const [contested, other] = [uniqueStream(), uniqueStream()];
    const outcomes = await Promise.allSettled([
      store.append(contested, [contractEvent({ n: 'first' })], 'no_stream'),
      store.append(contested, [contractEvent({ n: 'second' })], 'no_stream'),
      store.append(other, contractEvents(2), 'no_stream'),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((await store.readStream(contested)).map((event) => event.data)).toEqual([{ n: 'first' }]);
    expect(await store.readStream(other)).toHaveLength(2);
    expect(outcomes[2]).toEqual({ status: 'fulfilled', value: { nextRevision: 1n, position: 3n } });
    await store.close();
  });

  it('writes what was asked before it closes', async () => {
    const store = open('close-pending');
    const stream = uniqueStream();
    const appended = store.append(stream, [contractEvent()], 'no_stream');
    await store.close();
    await expect(appended).resolves.toEqual({ nextRevision: 0n, position: 1n });
    const reopened = open('close-pending');
    expect(await reopened.readStream(stream)).toHaveLength(1);
    await reopened.close();
  });

  it('reports use after close as unavailable', async () => {
    const store = open('closed');
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(store.append(uniqueStream(), [contractEvent()], 'any')).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
  });

  it('refuses bad input without writing', async () => {
    const store = open('input');
    await expect(store.append('', [contractEvent()], 'any')).rejects.toThrow(/stream name/);
    await expect(store.append(uniqueStream(), [], 'any')).rejects.toThrow(/no events/);
    await expect(store.readAll({ maxCount: -1 })).rejects.toThrow(/maxCount/);
    expect(await store.headPosition()).toBe(0n);
    await store.close();
  });
});
