import type { RecordedEvent } from '../../../../src/shared/messages';
import { contractEvent, contractEvents, uniqueStream } from '../contract-events';
import { SubscriptionCollector } from '../subscription-collector';
import type { ContractContext } from './contract-context';

const STREAMS = 4;
const BEFORE = 5;
const CONCURRENT = 25;

/** Appends `count` single events to a stream, each at the revision the previous one returned. */
async function appendOneByOne(store: ContractContext['store'], stream: string, count: number, from: bigint) {
  let revision = from;
  for (let index = 0; index < count; index++) {
    revision = (await store().append(stream, [contractEvent({ index })], revision)).nextRevision;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function expectOrderedExactlyOnce(collector: SubscriptionCollector, streams: string[], perStream: number): void {
  const positions = collector.positions;
  expect(positions.every((position, index) => index === 0 || position > positions[index - 1])).toBe(true);
  const ids = collector.events.map((event) => event.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const stream of streams) {
    const revisions = collector.events.filter((event) => event.streamId === stream).map((event) => event.revision);
    expect(revisions).toEqual(Array.from({ length: perStream }, (_, index) => BigInt(index)));
  }
}

export function subscriptionCases({ store }: ContractContext): void {
  it('delivers every event once and in order, catching up while appenders run, then live', async () => {
    const start = await store().headPosition();
    const streams = Array.from({ length: STREAMS }, () => uniqueStream());
    for (const stream of streams) await store().append(stream, contractEvents(BEFORE), 'no_stream');
    const ours = (event: RecordedEvent) => streams.includes(event.streamId);
    const collector = new SubscriptionCollector(store().subscribeToAll({ after: start }), ours);
    try {
      await Promise.all(streams.map((stream) => appendOneByOne(store, stream, CONCURRENT, BigInt(BEFORE - 1))));
      const caughtUp = STREAMS * (BEFORE + CONCURRENT);
      await collector.waitFor(caughtUp);
      // Live: the subscription is now waiting at the head of the log.
      for (const stream of streams) await store().append(stream, [contractEvent({ live: true })], 'stream_exists');
      await collector.waitFor(caughtUp + STREAMS);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(collector.events).toHaveLength(caughtUp + STREAMS);
      expectOrderedExactlyOnce(collector, streams, BEFORE + CONCURRENT + 1);
      expect(collector.events.slice(-STREAMS).every((event) => (event.data as { live?: boolean }).live)).toBe(true);
    } finally {
      await collector.subscription.close();
    }
    await collector.finished;
  }, 30_000);

  it('close() ends a pending iteration', async () => {
    const subscription = store().subscribeToAll({ after: await store().headPosition() });
    const stream = uniqueStream();
    const collector = new SubscriptionCollector(subscription, (event) => event.streamId === stream);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await subscription.close();
    await collector.finished;
    await store().append(stream, [contractEvent()], 'no_stream');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(collector.events).toEqual([]);
  });

  it('close() from inside the loop stops delivery after the current event', async () => {
    const stream = uniqueStream();
    await store().append(stream, contractEvents(6), 'no_stream');
    const [first] = await store().readStream(stream, { maxCount: 1 });
    const limited = store().subscribeToAll({ after: first.position - 1n });
    const collector = new SubscriptionCollector(
      limited,
      (event) => event.streamId === stream,
      (event) => {
        if (event.streamId === stream && event.revision === 2n) void limited.close();
      },
    );
    await collector.finished;
    expect(collector.events.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
  });
}
