import { CorruptEventError } from '../../../../src/infrastructure/event-store/event-store.errors';
import { CONTRACT_EVENT, contractEvent, uniqueStream, UNREGISTERED_EVENT } from '../contract-events';
import type { ContractContext } from './contract-context';

/** Resolves with the rejection of `read`; fails the test if it succeeds. */
const rejectionOf = (read: Promise<unknown>): Promise<unknown> =>
  read.then(
    () => {
      throw new Error('reading an unreadable event succeeded');
    },
    (error: unknown) => error,
  );

/**
 * Reading fails loudly on an event it cannot understand, naming stream and position; it never
 * skips it. These cases leave an unreadable event in the global log: they run last.
 */
export function corruptCases({ store, hooks }: ContractContext): void {
  async function expectCorrupt(plant: (stream: string) => Promise<void>, reason: RegExp): Promise<void> {
    const stream = uniqueStream();
    const { position: good } = await store().append(stream, [contractEvent()], 'no_stream');
    await plant(stream);
    for (const read of [store().readStream(stream), store().readAll({ after: good - 1n, maxCount: 10 })]) {
      const error = await rejectionOf(read);
      expect(error).toBeInstanceOf(CorruptEventError);
      const corrupt = error as CorruptEventError;
      expect(corrupt.stream).toBe(stream);
      expect(corrupt.position).toBeGreaterThan(good);
      expect(corrupt.message).toContain(stream);
      expect(corrupt.message).toContain(String(corrupt.position));
      expect(corrupt.message).toMatch(reason);
    }
    // A subscription stops on it too, after delivering the good event before it.
    const subscription = store().subscribeToAll({ after: good - 1n });
    const delivered: bigint[] = [];
    const iteration = (async () => {
      for await (const event of subscription) if (event.streamId === stream) delivered.push(event.revision);
    })();
    await expect(iteration).rejects.toBeInstanceOf(CorruptEventError);
    await subscription.close();
    expect(delivered).toEqual([0n]);
  }

  it('fails loudly on an event of an unknown type, naming stream and position', async () => {
    await expectCorrupt(async (stream) => {
      if (hooks.writeRaw) return hooks.writeRaw(stream, UNREGISTERED_EVENT, '{"reason":"written by newer code"}');
      await store().append(stream, [contractEvent({ reason: 'written by newer code' }, UNREGISTERED_EVENT)], 0n);
    }, /unknown event type/);
  });

  // Malformed JSON cannot be written through the port; an adapter's spec plants it with writeRaw.
  const writeRaw = hooks.writeRaw;
  if (writeRaw) {
    it('fails loudly on an event whose JSON is malformed, naming stream and position', async () => {
      await expectCorrupt((stream) => writeRaw(stream, CONTRACT_EVENT, '{"broken": '), /malformed JSON/);
    });
  }
}
