import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../src/infrastructure/event-store/event-store.errors';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainVerifier } from '../../src/infrastructure/event-store/tamper/chain-verifier';
import { ChainingEventStore } from '../../src/infrastructure/event-store/tamper/chaining-event-store';
import { LogDigestWriter } from '../../src/infrastructure/event-store/tamper/log-digest.writer';
import type { VerifyReport } from '../../src/infrastructure/event-store/tamper/chain-problem';
import { SqliteRawLog } from '../../src/infrastructure/event-store/tamper/sqlite-raw-log';
import { contractEvent } from '../contract/support/contract-events';

const KEY = 'chain-key-'.repeat(4);
let folder: string;
let file: string;
let store: EventStore;
let verifier: ChainVerifier;

/** Three streams of five events, interleaved in the global log, and a digest of it all. */
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tamper-verify-'));
  file = join(folder, 'events.sqlite');
  store = new ChainingEventStore(new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }), KEY);
  for (let n = 0; n < 5; n++)
    for (const stream of ['candidate-a', 'candidate-b', 'identity-x'])
      await store.append(stream, [contractEvent({ stream, n })], 'any');
  await new LogDigestWriter(store, KEY, 1000).writeDigests();
  verifier = new ChainVerifier(store, KEY);
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/** The whole log read from the SQLite rows directly (the fast path); must agree with the port path. */
async function verifyRaw() {
  const raw = new SqliteRawLog(file);
  try {
    return await verifier.verifyLog({ raw, batchSize: 3 });
  } finally {
    raw.close();
  }
}

/** Both paths over the whole log, which must give the same findings. */
async function verifyLogBothWays(): Promise<VerifyReport> {
  const viaPort = await verifier.verifyLog({});
  const viaRows = await verifyRaw();
  expect({ ...viaRows, elapsedMs: 0 }).toEqual({ ...viaPort, elapsedMs: 0 });
  return viaPort;
}

/** Edits rows the way someone with the database file could, bypassing the app entirely. */
function tamper(sql: string, ...params: unknown[]): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

describe('verify: an untouched log', () => {
  it('proves the whole log, one stream and several streams intact', async () => {
    const log = await verifier.verifyLog({ batchSize: 4 });
    expect(await verifyRaw()).toEqual({ ...log, elapsedMs: expect.any(Number) });
    expect(log).toMatchObject({ intact: true, eventsChecked: 16, streamsChecked: 4, digestsChecked: 1 });
    expect(await verifier.verifyStreams(['candidate-b'], 'stream')).toMatchObject({ intact: true, eventsChecked: 5 });
    expect(await verifier.verifyStreams(['candidate-a', 'identity-x'], 'candidate')).toMatchObject({ intact: true });
  });

  it('stays intact as the log grows past its last digest, and a second digest covers the rest', async () => {
    await store.append('candidate-c', [contractEvent()], 'no_stream');
    expect((await verifyLogBothWays()).intact).toBe(true);
    expect((await new LogDigestWriter(store, KEY).writeDigests()).written).toBe(1);
    expect(await verifyLogBothWays()).toMatchObject({ intact: true, digestsChecked: 2 });
    expect((await new LogDigestWriter(store, KEY).writeDigests()).written).toBe(0);
  });

  it('chains correctly when two stores (two processes) append to one stream, each remembering heads', async () => {
    const other = new ChainingEventStore(
      new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }),
      KEY,
    );
    try {
      const seen = await store.readStream('candidate-a'); // this store now remembers revision 4
      expect(seen).toHaveLength(5);
      await other.append('candidate-a', [contractEvent({ n: 5 })], 4n);
      // The remembered head is stale: the expectation fails and nothing is stored from it.
      await expect(store.append('candidate-a', [contractEvent({ n: 6 })], 4n)).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await store.append('candidate-a', [contractEvent({ n: 6 })], 5n);
      await other.append('candidate-a', [contractEvent({ n: 7 })], 'any');
      await store.append('candidate-a', [contractEvent({ n: 8 })], 'any');
      expect(await store.readStream('candidate-a')).toHaveLength(9);
      expect(await verifier.verifyStreams(['candidate-a'], 'stream')).toMatchObject({ intact: true, eventsChecked: 9 });
    } finally {
      await other.close();
    }
  });
});

describe('verify: rows changed in the SQLite file', () => {
  it('names an altered event', async () => {
    tamper(`UPDATE events SET data = json_set(data, '$.n', 99) WHERE stream_id = 'candidate-b' AND revision = 2`);
    for (const report of [await verifyLogBothWays(), await verifier.verifyStreams(['candidate-b'], 'stream')]) {
      expect(report.intact).toBe(false);
      expect(report.firstProblem).toMatchObject({ kind: 'altered', streamId: 'candidate-b', revision: '2' });
    }
  });

  it('names an altered actor in the metadata', async () => {
    tamper(
      `UPDATE events SET metadata = json_set(metadata, '$.actor.id', 'someone-else') WHERE stream_id = 'identity-x' AND revision = 0`,
    );
    const report = await verifier.verifyStreams(['identity-x'], 'stream');
    expect(report.firstProblem).toMatchObject({ kind: 'altered', streamId: 'identity-x', revision: '0' });
  });

  it('names an event removed from the middle of a stream', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'candidate-a' AND revision = 1`);
    for (const report of [await verifyLogBothWays(), await verifier.verifyStreams(['candidate-a'], 'stream')]) {
      expect(report.firstProblem).toMatchObject({ kind: 'removed', streamId: 'candidate-a', revision: '1' });
    }
  });

  it('names the removed last event of a stream, which only the signed digest remembers', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'candidate-a' AND revision = 4`);
    for (const report of [await verifyLogBothWays(), await verifier.verifyStreams(['candidate-a'], 'stream')]) {
      expect(report.intact).toBe(false);
      expect(report.firstProblem).toMatchObject({ kind: 'removed', streamId: 'candidate-a', revision: '4' });
    }
  });

  it('names events swapped within a stream (revisions exchanged)', async () => {
    const db = new Database(file);
    db.transaction(() => {
      db.prepare(`UPDATE events SET revision = -1 WHERE stream_id = 'candidate-b' AND revision = 1`).run();
      db.prepare(`UPDATE events SET revision = 1 WHERE stream_id = 'candidate-b' AND revision = 2`).run();
      db.prepare(`UPDATE events SET revision = 2 WHERE stream_id = 'candidate-b' AND revision = -1`).run();
    })();
    db.close();
    const stream = await verifier.verifyStreams(['candidate-b'], 'stream');
    expect(stream.firstProblem).toMatchObject({ kind: 'reordered', streamId: 'candidate-b', revision: '1' });
    const log = await verifyLogBothWays();
    expect(log.firstProblem).toMatchObject({ kind: 'reordered', streamId: 'candidate-b' });
  });

  it('notices events of different streams swapped in the global order (positions exchanged)', async () => {
    const db = new Database(file);
    const [a, b] = db.prepare(`SELECT position FROM events WHERE revision = 3 ORDER BY position LIMIT 2`).pluck().all();
    db.transaction(() => {
      db.prepare(`UPDATE events SET position = -1 WHERE position = ?`).run(a);
      db.prepare(`UPDATE events SET position = ? WHERE position = ?`).run(a, b);
      db.prepare(`UPDATE events SET position = ? WHERE position = -1`).run(b);
    })();
    db.close();
    const report = await verifyLogBothWays();
    expect(report.intact).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'digestMismatch' });
  });

  it('names an event inserted around the chaining store', async () => {
    tamper(
      `INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at)
       VALUES ('candidate-a', 5, 'planted', 'ContractTestRecorded', '{}', ?, '2027-01-01T00:00:00Z')`,
      JSON.stringify({
        messageId: 'planted',
        correlationId: 'c',
        causationId: 'c',
        actor: { id: 'x', role: 'staff' },
        occurredAt: 'x',
        schemaVersion: 1,
      }),
    );
    const report = await verifier.verifyStreams(['candidate-a'], 'stream');
    expect(report.firstProblem).toMatchObject({ kind: 'unsigned', streamId: 'candidate-a', eventId: 'planted' });
  });

  it('refuses a digest whose signature does not verify', async () => {
    tamper(`UPDATE events SET data = json_set(data, '$.count', 3) WHERE stream_id = 'auditDigest-log'`);
    const report = await verifyLogBothWays();
    expect(report.problems.map((problem) => problem.kind)).toEqual(expect.arrayContaining(['digestForged']));
  });
});
