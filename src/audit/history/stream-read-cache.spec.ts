import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqlite-event-store';
import type { NewEvent } from '../../shared/messages';
import { StreamReadCache } from './stream-read-cache';

eventRegistry.registerTypes('CacheSpecNoted');
const event = (n: number): NewEvent => ({
  id: `id-${n}`,
  type: 'CacheSpecNoted',
  data: { n },
  metadata: {
    messageId: `id-${n}`,
    correlationId: 'c',
    causationId: 'c',
    actor: { id: 'a', role: 'system' },
    occurredAt: '',
    schemaVersion: 1,
  },
});

describe('StreamReadCache', () => {
  it('serves a stream again with only its new events read, and follows appends', async () => {
    const store = new SqliteEventStore({ file: ':memory:', serializer: new EventSerializer(eventRegistry) });
    const cache = new StreamReadCache(store);
    await store.append('cacheSpec-1', [event(0), event(1)], 'no_stream');
    const first = await cache.read('cacheSpec-1');
    expect(first.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }]);
    const reads = jest.spyOn(store, 'readStream');
    expect(await cache.read('cacheSpec-1')).toBe(first);
    expect(reads.mock.calls.every(([, options]) => options !== undefined)).toBe(true);
    await store.append('cacheSpec-1', [event(2)], 1n);
    expect((await cache.read('cacheSpec-1')).map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(await cache.read('cacheSpec-none')).toEqual([]);
    await store.close();
  });
});
