import type { DomainEvent, NewEvent } from '../../shared/messages';
import type { EventStore } from '../event-store/event-store.port';
import { EventRegistry } from '../event-store/serialization/event-registry';
import { EventSerializer } from '../event-store/serialization/event-serializer';
import { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import { toNewEvents } from './event-sourced-handler';
import { StreamStateCache, type StreamFold } from './stream-state-cache';

type Noted = DomainEvent<'StateCacheSpecNoted', { n: number }>;
const sum: StreamFold<number, Noted> = { initialState: () => 0, evolve: (total, event) => total + event.data.n };

const context = { actor: { id: 'a', role: 'system' as const }, correlationId: 'c', now: new Date(0) };
const noted = (...ns: number[]): NewEvent[] =>
  toNewEvents(
    ns.map((n): Noted => ({ type: 'StateCacheSpecNoted', data: { n } })),
    context,
  );

describe('StreamStateCache', () => {
  let store: SqliteEventStore;
  let rowsRead: number;
  let counting: EventStore;

  beforeEach(async () => {
    const serializer = new EventSerializer(new EventRegistry().registerTypes('StateCacheSpecNoted'));
    store = new SqliteEventStore({ file: ':memory:', serializer });
    rowsRead = 0;
    counting = Object.assign(Object.create(store) as EventStore, {
      readStream: async (...args: Parameters<EventStore['readStream']>) => {
        const events = await store.readStream(...args);
        rowsRead += events.length;
        return events;
      },
    });
    for (const stream of ['a', 'b', 'c']) await store.append(`stateCacheSpec-${stream}`, noted(1, 2), 'no_stream');
  });
  afterEach(() => store.close());

  const readAgain = async (cache: StreamStateCache<number>, stream: string) => {
    rowsRead = 0;
    const { state } = await cache.catchUp(counting, `stateCacheSpec-${stream}`, sum);
    return { state, rowsRead };
  };

  it('folds a stream once, then only the events appended after it', async () => {
    const cache = new StreamStateCache<number>();
    await cache.catchUp(counting, 'stateCacheSpec-a', sum);

    const unchanged = await readAgain(cache, 'a');
    await store.append('stateCacheSpec-a', noted(4), 1n);
    const grown = await readAgain(cache, 'a');

    expect(unchanged).toEqual({ state: 3, rowsRead: 0 });
    expect(grown).toEqual({ state: 7, rowsRead: 1 });
  });

  it('drops the least recently used stream beyond its bound', async () => {
    const cache = new StreamStateCache<number>(2);
    await cache.catchUp(counting, 'stateCacheSpec-a', sum);
    await cache.catchUp(counting, 'stateCacheSpec-b', sum);
    await cache.catchUp(counting, 'stateCacheSpec-a', sum); // a is now the most recently used

    await cache.catchUp(counting, 'stateCacheSpec-c', sum);

    expect(cache.size).toBe(2);
    expect(await readAgain(cache, 'a')).toEqual({ state: 3, rowsRead: 0 });
    expect(await readAgain(cache, 'b')).toEqual({ state: 3, rowsRead: 2 }); // evicted: read whole
  });

  it('keeps the newer state when a slower command remembers an older one', async () => {
    const cache = new StreamStateCache<number>();
    cache.remember('stateCacheSpec-a', { revision: 1n, state: 3 });

    cache.remember('stateCacheSpec-a', { revision: 0n, state: 1 });

    expect(await readAgain(cache, 'a')).toEqual({ state: 3, rowsRead: 0 });
  });

  it('reads a forgotten stream whole again', async () => {
    const cache = new StreamStateCache<number>();
    await cache.catchUp(counting, 'stateCacheSpec-a', sum);

    cache.forget('stateCacheSpec-a');

    expect(await readAgain(cache, 'a')).toEqual({ state: 3, rowsRead: 2 });
  });
});
