import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { CHILD_EVENT } from './support/child-events';
import { startChild } from './support/child-process';
import { compileEventStoreChild } from './support/compile-event-store-child';

const PROCESSES = 3;
const ATTEMPTS = 60;

describe('SQLite event store shared by several processes', () => {
  let child: ReturnType<typeof compileEventStoreChild>;
  const folder = mkdtempSync(join(tmpdir(), 'event-store-multiprocess-'));
  beforeAll(() => {
    child = compileEventStoreChild();
  }, 60_000);
  afterAll(() => {
    child?.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lets exactly one process win each revision of a stream they all append to', async () => {
    const file = join(folder, 'events.sqlite');
    const stream = 'contended-stream';
    const children = Array.from({ length: PROCESSES }, () =>
      startChild(child.script, ['contend', file, stream, String(ATTEMPTS)]),
    );
    await Promise.all(children.map((running) => running.waitForLine((line) => line === 'ready')));
    for (const running of children) running.process.stdin?.write('go\n');
    const exits = await Promise.all(children.map((running) => running.exited));
    expect(exits.map((exit) => [exit.code, exit.stderr])).toEqual(children.map(() => [0, '']));

    const winners = new Map<bigint, string>();
    let conflicts = 0;
    for (const line of children.flatMap((running) => running.lines)) {
      const [word, first, second] = line.split(' ');
      if (word === 'won') {
        expect(winners.has(BigInt(first))).toBe(false);
        winners.set(BigInt(first), second);
      }
      if (word === 'done') conflicts += Number(first);
    }
    expect(winners.size + conflicts).toBe(PROCESSES * ATTEMPTS);
    expect(conflicts).toBeGreaterThan(0);

    const store = new SqliteEventStore({
      file,
      serializer: new EventSerializer(new EventRegistry().registerTypes(CHILD_EVENT)),
    });
    try {
      const stored = await store.readStream(stream);
      expect(stored.map((event) => [event.revision, event.id])).toEqual(
        stored.map((_, index) => [BigInt(index), winners.get(BigInt(index))]),
      );
      expect(stored).toHaveLength(winners.size);
    } finally {
      await store.close();
    }
  }, 60_000);
});
