import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decider } from '../../shared/decider';
import type { CommandContext, DomainEvent, RecordedEvent } from '../../shared/messages';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import type { EventStore } from '../event-store/event-store.port';
import { EventRegistry } from '../event-store/serialization/event-registry';
import { EventSerializer } from '../event-store/serialization/event-serializer';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { CommandMetrics } from './command-metrics';
import { EventSourcedHandler, toNewEvents } from './event-sourced-handler';

type Taken = DomainEvent<'HandlerSpecTaken', { n: number }>;
type TakeCommand = { type: 'Take' } | { type: 'Peek' };

/** Hands out numbers in order: each decision depends on every earlier event. */
const numbers: Decider<{ taken: number[] }, TakeCommand, Taken> = {
  initialState: () => ({ taken: [] }),
  decide: (command, state) =>
    command.type === 'Take' ? [{ type: 'HandlerSpecTaken', data: { n: state.taken.length + 1 } }] : [],
  evolve: (state, event) => ({ taken: [...state.taken, event.data.n] }),
};

/** A second fold of the same stream, with another state shape. */
const total: Decider<number, TakeCommand, Taken> = {
  initialState: () => 0,
  decide: () => [],
  evolve: (sum, event) => sum + event.data.n,
};

const context: CommandContext = {
  actor: { id: 'spec', role: 'system' },
  correlationId: 'correlation',
  now: new Date('2026-01-01T00:00:00Z'),
};
const STREAM = 'handlerSpec-1';
const taken = (n: number) => toNewEvents<Taken>([{ type: 'HandlerSpecTaken', data: { n } }], context);

/** Counts the events each stream read returns, to see what a command really reads. */
function countingReads(store: EventStore): EventStore & { rowsRead: number; reads: unknown[] } {
  const counting = Object.assign(Object.create(store) as EventStore, { rowsRead: 0, reads: [] as unknown[] });
  counting.readStream = async (stream, options) => {
    const events: RecordedEvent[] = await store.readStream(stream, options);
    counting.rowsRead += events.length;
    counting.reads.push(options);
    return events;
  };
  return counting;
}

describe('EventSourcedHandler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'handler-spec-'));
  const file = join(dir, 'events.sqlite');
  const opened: SqliteEventStore[] = [];
  const openStore = () => {
    const serializer = new EventSerializer(new EventRegistry().registerTypes('HandlerSpecTaken'));
    const store = new SqliteEventStore({ file, serializer });
    opened.push(store);
    return store;
  };
  let store: SqliteEventStore;

  beforeEach(() => {
    store = openStore();
  });
  afterEach(async () => {
    for (const open of opened.splice(0)) await open.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("decides on another process's appends made since its last command", async () => {
    const handler = new EventSourcedHandler(store, new CommandMetrics());
    const otherProcess = new EventSourcedHandler(openStore(), new CommandMetrics());
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);

    await otherProcess.handle(STREAM, numbers, { type: 'Take' }, context);
    const seen = await handler.handle(STREAM, numbers, { type: 'Peek' }, context);

    expect(seen.state.taken).toEqual([1, 2]);
    expect(seen.revision).toBe(1n);
  });

  it('sees an event appended straight to the store on the next command', async () => {
    const handler = new EventSourcedHandler(store, new CommandMetrics());
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);

    await store.append(STREAM, taken(2), 0n);
    const seen = await handler.handle(STREAM, numbers, { type: 'Peek' }, context);

    expect(seen.state.taken).toEqual([1, 2]);
    expect(seen.revision).toBe(1n);
  });

  it("retries a conflict and decides again with the other writer's event", async () => {
    let raced = false;
    const racing = Object.assign(Object.create(store) as EventStore, {
      append: async (...args: Parameters<EventStore['append']>) => {
        if (!raced) {
          raced = true;
          await store.append(STREAM, taken(2), 0n); // the other writer gets in first
        }
        return store.append(...args);
      },
    });
    const handler = new EventSourcedHandler(racing, new CommandMetrics());
    await store.append(STREAM, taken(1), 'no_stream');
    await handler.handle(STREAM, numbers, { type: 'Peek' }, context); // cached at revision 0

    const result = await handler.handle(STREAM, numbers, { type: 'Take' }, context);

    expect(raced).toBe(true);
    expect(result.events).toEqual([{ type: 'HandlerSpecTaken', data: { n: 3 } }]);
    expect(result.state.taken).toEqual([1, 2, 3]);
    expect((await store.readStream(STREAM)).map((event) => event.data)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('checks If-Match against the revision in the store, not the cached one', async () => {
    const handler = new EventSourcedHandler(store, new CommandMetrics());
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);
    await store.append(STREAM, taken(2), 0n); // a caller saw this one elsewhere: revision 1

    const result = await handler.handle(STREAM, numbers, { type: 'Take' }, context, { expectedRevision: 1n });
    const stale = handler.handle(STREAM, numbers, { type: 'Take' }, context, { expectedRevision: 1n });

    expect(result.state.taken).toEqual([1, 2, 3]);
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('reads only the events after the revision of its last command', async () => {
    const counting = countingReads(store);
    const handler = new EventSourcedHandler(counting, new CommandMetrics());
    for (let i = 0; i < 3; i++) await handler.handle(STREAM, numbers, { type: 'Take' }, context);
    counting.rowsRead = 0;

    await handler.handle(STREAM, numbers, { type: 'Peek' }, context);
    const nothingNew = counting.rowsRead;
    await store.append(STREAM, taken(4), 2n);
    const next = await handler.handle(STREAM, numbers, { type: 'Take' }, context);

    expect(nothingNew).toBe(0);
    expect(counting.rowsRead).toBe(1);
    expect(counting.reads.at(-1)).toEqual({ fromRevision: 3n });
    expect(next.state.taken).toEqual([1, 2, 3, 4, 5]);
  });

  it('loads the state the next command starts from, from the same cache', async () => {
    const counting = countingReads(store);
    const handler = new EventSourcedHandler(counting, new CommandMetrics());
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);
    counting.rowsRead = 0;

    await store.append(STREAM, taken(2), 0n);
    const loaded = await handler.load(STREAM, numbers);
    await handler.handle(STREAM, numbers, { type: 'Peek' }, context);

    expect(loaded).toEqual({ revision: 1n, state: { taken: [1, 2] } });
    expect(counting.rowsRead).toBe(1);
  });

  it('keeps one state per decider for a stream folded by two', async () => {
    const handler = new EventSourcedHandler(store, new CommandMetrics());
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);
    await handler.handle(STREAM, numbers, { type: 'Take' }, context);

    const sum = await handler.handle(STREAM, total, { type: 'Peek' }, context);
    const list = await handler.handle(STREAM, numbers, { type: 'Peek' }, context);

    expect(sum.state).toBe(3);
    expect(list.state.taken).toEqual([1, 2]);
  });
});
