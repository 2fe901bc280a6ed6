import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainingEventStore } from '../../src/infrastructure/event-store/tamper/chaining-event-store';
import { eventHash } from '../../src/infrastructure/event-store/tamper/event-hash';
import { contractEvent, uniqueStream } from '../contract/support/contract-events';
import { appendCases } from '../contract/support/event-store/append.cases';
import { concurrencyCases } from '../contract/support/event-store/concurrency.cases';
import type { ContractContext } from '../contract/support/event-store/contract-context';
import { subscriptionCases } from '../contract/support/event-store/subscription.cases';

// The chaining decorator is an EventStore like any adapter: it passes the port's contract for
// appends, concurrency and subscriptions. (The read cases round-trip a caller-made `hash`, which
// the decorator replaces by design; that behaviour is asserted below instead.)
const KEY = 'k'.repeat(32);
const folder = mkdtempSync(join(tmpdir(), 'tamper-contract-'));
let store: EventStore;
beforeAll(() => {
  const inner = new SqliteEventStore({
    file: join(folder, 'events.sqlite'),
    serializer: new EventSerializer(eventRegistry),
  });
  store = new ChainingEventStore(inner, KEY);
});
afterAll(async () => {
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});
const context: ContractContext = { store: () => store, hooks: {} };

describe('EventStore contract: ChainingEventStore over SQLite', () => {
  describe('append', () => appendCases(context));
  describe('concurrent appenders', () => concurrencyCases(context));
  describe('subscribeToAll', () => subscriptionCases(context));
});

describe('ChainingEventStore', () => {
  it('chains each event to the previous one of its stream, replacing any hash the caller gave', async () => {
    const stream = uniqueStream();
    const first = contractEvent({ n: 1 });
    first.metadata.hash = 'forged-by-caller';
    await store.append(stream, [first], 'no_stream');
    await store.append(stream, [contractEvent({ n: 2 }), contractEvent({ n: 3 })], 'any');
    const events = await store.readStream(stream);
    let previous = '';
    for (const event of events) {
      expect(event.metadata.hash).toBe(eventHash(KEY, previous, event));
      previous = event.metadata.hash as string;
    }
    expect(events[0].metadata.hash).not.toBe('forged-by-caller');
    const { hash: _hash, ...rest } = events[1].metadata;
    expect(rest).toEqual(expect.objectContaining({ schemaVersion: 1, actor: expect.any(Object) }));
  });

  it("keeps 'any' appends chained when many writers race on one stream", async () => {
    const stream = uniqueStream();
    await Promise.all(Array.from({ length: 20 }, (_, n) => store.append(stream, [contractEvent({ n })], 'any')));
    const events = await store.readStream(stream);
    expect(events).toHaveLength(20);
    let previous = '';
    for (const event of events) {
      expect(eventHash(KEY, previous, event)).toBe(event.metadata.hash);
      previous = event.metadata.hash as string;
    }
  });

  it("treats an 'any' append retried with stored ids as the same append", async () => {
    const stream = uniqueStream();
    const event = contractEvent();
    const first = await store.append(stream, [event], 'any');
    await store.append(stream, [contractEvent()], 'any');
    const again = await store.append(stream, [event], 'any');
    expect(again).toEqual(first);
    expect(await store.readStream(stream)).toHaveLength(2);
  });
});
