import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import type { RecordedEvent } from '../../src/shared/messages';
import { CHILD_EVENT } from './support/child-events';
import { startChild } from './support/child-process';
import { compileEventStoreChild } from './support/compile-event-store-child';

/** Acknowledged appends before the kill: enough that the child is mid-stream, writing steadily. */
const ACKS_BEFORE_KILL = 400;

describe('SQLite event store durability', () => {
  let child: ReturnType<typeof compileEventStoreChild>;
  const folder = mkdtempSync(join(tmpdir(), 'event-store-durability-'));
  beforeAll(() => {
    child = compileEventStoreChild();
  }, 60_000);
  afterAll(() => {
    child?.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every acknowledged append after the writing process is killed with SIGKILL', async () => {
    const file = join(folder, 'events.sqlite');
    const stream = 'durability-probe';
    const writer = startChild(child.script, ['append-until-killed', file, stream]);
    await writer.waitForLine((_, index) => index >= ACKS_BEFORE_KILL - 1);
    writer.process.kill('SIGKILL');
    const { signal } = await writer.exited;
    expect(signal).toBe('SIGKILL');

    // Every line printed was printed after its append returned: each one must be stored.
    const acks = writer.lines.map((line) => {
      const [word, revision, position, ids] = line.split(' ');
      expect(word).toBe('ack');
      return { revision: BigInt(revision), position: BigInt(position), ids: ids.split(',') };
    });
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);

    const store = new SqliteEventStore({
      file,
      serializer: new EventSerializer(new EventRegistry().registerTypes(CHILD_EVENT)),
    });
    try {
      const stored = await store.readStream(stream);
      expect(stored.map((event) => event.revision)).toEqual(stored.map((_, index) => BigInt(index)));
      const byRevision = new Map<bigint, RecordedEvent>(stored.map((event) => [event.revision, event]));
      for (const ack of acks) {
        const first = ack.revision - BigInt(ack.ids.length - 1);
        expect(ack.ids.map((_, index) => byRevision.get(first + BigInt(index))?.id)).toEqual(ack.ids);
        expect(byRevision.get(ack.revision)?.position).toBe(ack.position);
      }
      // At most the one append in flight at the kill went further than the last acknowledgement.
      expect(stored.length - 1 - Number(acks[acks.length - 1].revision)).toBeLessThanOrEqual(5);

      // The whole log reads (nothing torn) and takes new appends where the child stopped.
      let read = 0;
      for (let after = 0n; ;) {
        const batch = await store.readAll({ after, maxCount: 500 });
        if (batch.length === 0) break;
        read += batch.length;
        after = batch[batch.length - 1].position;
      }
      expect(read).toBe(stored.length);
      const restarted = { id: 'after-restart', type: CHILD_EVENT, data: {}, metadata: stored[0].metadata };
      const next = await store.append(stream, [restarted], BigInt(stored.length - 1));
      expect(next.nextRevision).toBe(BigInt(stored.length));
    } finally {
      await store.close();
    }
  }, 60_000);
});
