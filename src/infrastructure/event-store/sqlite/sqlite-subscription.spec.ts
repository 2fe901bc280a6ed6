import { AppendNotifier } from './append-notifier';
import type { EventRow } from './sqlite-statements';
import { SqliteSubscription } from './sqlite-subscription';

const row = (position: number): EventRow => [position, 's', 0, `id-${position}`, 'T', '{}', '{}', ''] as EventRow;

/** A stored log of `count` rows, read synchronously as better-sqlite3 reads. */
function subscriptionOver(count: number): SqliteSubscription {
  const rows = Array.from({ length: count }, (_, i) => row(i + 1));
  return new SqliteSubscription(
    {
      readRows: (after, maxCount) => rows.filter((r) => r[0] > Number(after)).slice(0, maxCount),
      deserialize: (r) => ({ position: BigInt(r[0]), streamId: r[1], revision: BigInt(r[2]), type: r[4] }) as never,
      notifier: new AppendNotifier(),
      pollIntervalMs: 10,
    },
    0n,
    () => undefined,
  );
}

describe('SqliteSubscription catching up', () => {
  it('delivers every stored event once, in order', async () => {
    const subscription = subscriptionOver(1200);
    const seen: bigint[] = [];
    for await (const event of subscription) {
      seen.push(event.position);
      if (seen.length === 1200) break;
    }
    expect(seen).toEqual(Array.from({ length: 1200 }, (_, i) => BigInt(i + 1)));
  });

  it('lets the event loop run between batches, though the consumer never waits for I/O', async () => {
    // A projection skipping events of other types: nothing but microtasks between two events.
    const subscription = subscriptionOver(5000);
    let consumed = 0;
    const firedAfter: number[] = [];
    const tick = () => {
      firedAfter.push(consumed);
      if (consumed < 5000) setImmediate(tick);
    };
    setImmediate(tick);
    for await (const event of subscription) {
      consumed = Number(event.position);
      if (consumed === 5000) break;
    }
    // The loop ran while the log was being read, not only once the consumer had finished.
    expect(firedAfter.filter((at) => at < 5000).length).toBeGreaterThanOrEqual(5);
  });
});
