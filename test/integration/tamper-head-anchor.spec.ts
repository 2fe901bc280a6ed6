import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainVerifier } from '../../src/infrastructure/event-store/tamper/chain-verifier';
import { ChainingEventStore } from '../../src/infrastructure/event-store/tamper/chaining-event-store';
import { headAnchorFileOf } from '../../src/infrastructure/event-store/tamper/head-anchor';
import { HeadAnchorWriter } from '../../src/infrastructure/event-store/tamper/head-anchor.writer';
import { LogDigestWriter } from '../../src/infrastructure/event-store/tamper/log-digest.writer';
import { SqliteRawLog } from '../../src/infrastructure/event-store/tamper/sqlite-raw-log';
import { contractEvent } from '../contract/support/contract-events';

const KEY = 'anchor-key-'.repeat(4);
let folder: string;
let file: string;
let store: EventStore;
let anchors: HeadAnchorWriter;

/** Two streams digested, then newer events the digest cannot know, then the head anchored. */
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tamper-anchor-'));
  file = join(folder, 'events.sqlite');
  store = new ChainingEventStore(new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }), KEY);
  for (let n = 0; n < 3; n++)
    for (const stream of ['candidate-a', 'candidate-b']) await store.append(stream, [contractEvent({ n })], 'any');
  await new LogDigestWriter(store, KEY).writeDigests();
  await store.append('candidate-a', [contractEvent({ n: 3 })], 'any');
  await store.append('candidate-c', [contractEvent({ n: 0 })], 'any');
  await store.append('candidate-b', [contractEvent({ n: 3 })], 'any');
  anchors = new HeadAnchorWriter(store, KEY, headAnchorFileOf(file));
  expect(await anchors.update()).toBe('written');
});
afterEach(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

async function verifyRaw() {
  const raw = new SqliteRawLog(file);
  try {
    return await new ChainVerifier(store, KEY).verifyLog({ raw });
  } finally {
    raw.close();
  }
}

function tamper(sql: string): void {
  const db = new Database(file);
  try {
    db.prepare(sql).run();
  } finally {
    db.close();
  }
}

describe('head anchor: the newest events, after the last digest', () => {
  it('follows the log as it grows and proves it intact', async () => {
    expect(existsSync(headAnchorFileOf(file))).toBe(true);
    expect(await anchors.update()).toBe('unchanged');
    await store.append('candidate-c', [contractEvent({ n: 1 })], 'any');
    expect(await anchors.update()).toBe('written');
    expect(JSON.parse(readFileSync(headAnchorFileOf(file), 'utf8'))).toMatchObject({ count: 11, revision: '1' });
    expect(await verifyRaw()).toMatchObject({ intact: true, eventsChecked: 11 });
    // Another process (a writer without memory) continues from the file.
    await store.append('candidate-a', [contractEvent({ n: 4 })], 'any');
    expect(await new HeadAnchorWriter(store, KEY, headAnchorFileOf(file)).update()).toBe('written');
    expect(await verifyRaw()).toMatchObject({ intact: true, eventsChecked: 12 });
  });

  it('counts the new events in batches, as many as the log holds', async () => {
    for (let n = 1; n <= 7; n++) await store.append('candidate-d', [contractEvent({ n })], 'any');
    expect(await new HeadAnchorWriter(store, KEY, headAnchorFileOf(file), 2).update()).toBe('written');
    expect(JSON.parse(readFileSync(headAnchorFileOf(file), 'utf8'))).toMatchObject({
      count: 17,
      streamId: 'candidate-d',
      revision: '6',
    });
    expect(await verifyRaw()).toMatchObject({ intact: true, eventsChecked: 17 });
  });

  it('names the deleted newest events, and keeps the evidence when new events take their places', async () => {
    tamper(`DELETE FROM events WHERE position >= (SELECT MAX(position) - 1 FROM events)`);
    const report = await verifyRaw();
    expect(report.intact).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'removed', streamId: 'candidate-b', revision: '3' });
    await store.append('candidate-d', [contractEvent(), contractEvent(), contractEvent()], 'no_stream');
    expect(await anchors.update()).toBe('diverged');
    expect(await new HeadAnchorWriter(store, KEY, headAnchorFileOf(file)).update()).toBe('diverged');
    expect((await verifyRaw()).firstProblem).toMatchObject({ kind: 'removed', streamId: 'candidate-b' });
  });

  it('names a deleted last event of a stream that only the anchor counted', async () => {
    tamper(`DELETE FROM events WHERE stream_id = 'candidate-c'`);
    const report = await verifyRaw();
    expect(report.intact).toBe(false);
    expect(report.firstProblem).toMatchObject({ kind: 'removed' });
    expect(report.firstProblem?.message).toContain('现有 9 个');
  });

  it('refuses an anchor file that was edited', async () => {
    const anchorFile = headAnchorFileOf(file);
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8')) as { count: number };
    writeFileSync(anchorFile, JSON.stringify({ ...anchor, count: anchor.count - 1 }));
    expect((await verifyRaw()).firstProblem).toMatchObject({ kind: 'digestForged' });
    writeFileSync(anchorFile, 'not json');
    expect((await verifyRaw()).firstProblem).toMatchObject({ kind: 'digestForged' });
  });

  it('leaves logs without an anchor to the digests (and shows the window the anchor leaves)', async () => {
    rmSync(headAnchorFileOf(file));
    expect(await verifyRaw()).toMatchObject({ intact: true });
    expect(await anchors.update()).toBe('written');
    // Appended after the last anchor and deleted before the next one: not detectable (the window).
    await store.append('candidate-e', [contractEvent()], 'no_stream');
    tamper(`DELETE FROM events WHERE stream_id = 'candidate-e'`);
    expect(await verifyRaw()).toMatchObject({ intact: true });
  });
});
