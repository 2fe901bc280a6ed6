import { PassThrough } from 'node:stream';
import { KurrentDBClient, START, excludeSystemEvents, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../../../shared/messages';
import { CorruptEventError, EventStoreUnavailableError } from '../event-store.errors';
import { EventRegistry } from '../serialization/event-registry';
import { EventSerializer } from '../serialization/event-serializer';
import { encodePosition } from './esdb-position';
import { EsdbSubscription, type EsdbSubscriptionSource } from './esdb-subscription';

/**
 * The wrapper's own logic, over an object-mode stream shaped like the client's $all subscription
 * (a Readable with unsubscribe()). The server side is covered by the contract suite, which runs
 * only against a real EventStoreDB (test/contract/esdb-event-store.spec.ts).
 */
class SourceStream extends PassThrough implements EsdbSubscriptionSource {
  unsubscribed = 0;
  constructor() {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed += 1;
  }
}

const serializer = new EventSerializer(new EventRegistry().registerTypes('Happened'));
const metadata = {
  messageId: 'm',
  correlationId: 'c',
  causationId: 'c',
  actor: { id: 'a', role: 'system' },
  occurredAt: '2026-01-01T00:00:00.000Z',
  schemaVersion: 1,
};

function resolved(commit: bigint, type = 'Happened', streamId = 'thing-1'): AllStreamResolvedEvent {
  return {
    event: {
      streamId,
      id: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
      isJson: true,
      revision: 0n,
      type,
      created: new Date('2026-01-01T00:00:00.000Z'),
      data: { n: Number(commit) },
      metadata: { ...metadata, $correlationId: 'c', $causationId: 'c' },
      position: { commit, prepare: commit },
    },
  };
}

function open(source: SourceStream, after = 0n): EsdbSubscription {
  return new EsdbSubscription(source, (raw) => serializer.deserialize(raw), after);
}

async function take(subscription: EsdbSubscription, count: number): Promise<RecordedEvent[]> {
  const seen: RecordedEvent[] = [];
  for await (const event of subscription) {
    seen.push(event);
    if (seen.length === count) break;
  }
  return seen;
}

describe('EsdbSubscription', () => {
  it('delivers our events in order, skipping system events and anything at or before the start', async () => {
    const source = new SourceStream();
    const subscription = open(source, encodePosition({ commit: 10n, prepare: 10n }));
    source.write(resolved(10n));
    source.write(resolved(11n, '$metadata', '$$thing-1'));
    source.write(resolved(12n, '$>', '$ce-thing'));
    source.write(resolved(13n));
    source.write(resolved(13n));
    source.write(resolved(14n));
    const events = await take(subscription, 2);
    expect(events.map((event) => event.data)).toEqual([{ n: 13 }, { n: 14 }]);
    expect(events[0].metadata).toEqual(metadata);
    expect(events[0].position).toBe(encodePosition({ commit: 13n, prepare: 13n }));
  });

  it('ends a pending iteration on close() and cancels the server subscription once', async () => {
    const source = new SourceStream();
    const subscription = open(source);
    const iteration = take(subscription, 5);
    source.write(resolved(1n));
    await new Promise((resolve) => setImmediate(resolve));
    await subscription.close();
    await expect(iteration).resolves.toHaveLength(1);
    await subscription.close();
    expect(source.unsubscribed).toBe(1);
    expect(source.destroyed).toBe(true);
  });

  it('cancels the server subscription when the consumer stops iterating', async () => {
    const source = new SourceStream();
    source.write(resolved(1n));
    await take(open(source), 1);
    expect(source.unsubscribed).toBe(1);
  });

  it('fails with CorruptEventError on an unknown event type instead of skipping it', async () => {
    const source = new SourceStream();
    source.write(resolved(1n, 'NobodyKnowsMe'));
    await expect(take(open(source), 1)).rejects.toBeInstanceOf(CorruptEventError);
    expect(source.unsubscribed).toBe(1);
  });

  it('passes a dropped connection on as EventStoreUnavailableError', async () => {
    const source = new SourceStream();
    const iteration = take(open(source), 1);
    source.destroy(Object.assign(new Error('14 UNAVAILABLE: connection dropped'), { code: 14 }));
    await expect(iteration).rejects.toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', httpStatus: 503 });
  });

  it('over the real client with no server reachable, fails with EventStoreUnavailableError and closes', async () => {
    const client = KurrentDBClient.connectionString('esdb://127.0.0.1:1?tls=false');
    try {
      const source = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
      const subscription = new EsdbSubscription(source, (raw) => serializer.deserialize(raw), 0n);
      await expect(take(subscription, 1)).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await subscription.close();
    } finally {
      await client.dispose();
    }
  });
});
