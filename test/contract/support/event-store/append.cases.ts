import { WrongExpectedRevisionError } from '../../../../src/infrastructure/event-store/event-store.errors';
import { contractEvent, contractEvents, uniqueStream } from '../contract-events';
import type { ContractContext } from './contract-context';

export function appendCases({ store }: ContractContext): void {
  const revisionsOf = async (stream: string) => (await store().readStream(stream)).map((event) => event.revision);

  it("appends to a new stream with 'no_stream'", async () => {
    const stream = uniqueStream();
    const before = await store().headPosition();
    const events = contractEvents(2);
    const result = await store().append(stream, events, 'no_stream');
    expect(result.nextRevision).toBe(1n);
    expect(result.position).toBeGreaterThan(before);
    const stored = await store().readStream(stream);
    expect(stored.map((event) => [event.streamId, event.revision, event.id, event.type])).toEqual(
      events.map((event, index) => [stream, BigInt(index), event.id, event.type]),
    );
    expect(stored[1].position).toBe(result.position);
    expect(stored[0].position).toBeLessThan(stored[1].position);
    expect(Number.isNaN(Date.parse(stored[0].recordedAt))).toBe(false);
  });

  it("refuses 'no_stream' on an existing stream and writes nothing", async () => {
    const stream = uniqueStream();
    await store().append(stream, [contractEvent()], 'no_stream');
    const refused = store().append(stream, [contractEvent()], 'no_stream');
    await expect(refused).rejects.toMatchObject({ stream, expected: 'no_stream', actual: 0n });
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await revisionsOf(stream)).toEqual([0n]);
  });

  it('appends at the exact revision and refuses any other, writing nothing', async () => {
    const stream = uniqueStream();
    await store().append(stream, contractEvents(2), 'no_stream');
    const result = await store().append(stream, contractEvents(3), 1n);
    expect(result.nextRevision).toBe(4n);
    for (const stale of [0n, 1n, 3n, 5n]) {
      const refused = store().append(stream, contractEvents(2), stale);
      await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(refused).rejects.toMatchObject({ stream, expected: stale, actual: 4n });
    }
    expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n, 3n, 4n]);
  });

  it('refuses an exact revision on a stream that does not exist', async () => {
    const stream = uniqueStream();
    await expect(store().append(stream, [contractEvent()], 0n)).rejects.toMatchObject({ actual: 'no_stream' });
    expect(await store().readStream(stream)).toEqual([]);
  });

  it("appends with 'any' whether or not the stream exists", async () => {
    const stream = uniqueStream();
    expect((await store().append(stream, [contractEvent()], 'any')).nextRevision).toBe(0n);
    expect((await store().append(stream, contractEvents(2), 'any')).nextRevision).toBe(2n);
    expect(await revisionsOf(stream)).toEqual([0n, 1n, 2n]);
  });

  it("appends with 'stream_exists' only to a stream that has events", async () => {
    const stream = uniqueStream();
    const refused = store().append(stream, [contractEvent()], 'stream_exists');
    await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store().readStream(stream)).toEqual([]);
    await store().append(stream, [contractEvent()], 'no_stream');
    expect((await store().append(stream, [contractEvent()], 'stream_exists')).nextRevision).toBe(1n);
  });

  it('treats a retried append with the same event ids as done: nothing new, the first result', async () => {
    const stream = uniqueStream();
    const first = contractEvents(2, 'first');
    const firstResult = await store().append(stream, first, 'no_stream');
    expect(await store().append(stream, first, 'no_stream')).toEqual(firstResult);
    // The stream moves on; a late retry of the first request still succeeds without writing.
    const second = [contractEvent({ label: 'second' })];
    const secondResult = await store().append(stream, second, 1n);
    expect(await store().append(stream, first, 'no_stream')).toEqual(firstResult);
    expect(await store().append(stream, second, 1n)).toEqual(secondResult);
    const third = [contractEvent({ label: 'third' })];
    const thirdResult = await store().append(stream, third, 'any');
    expect(await store().append(stream, third, 'any')).toEqual(thirdResult);
    const stored = await store().readStream(stream);
    expect(stored.map((event) => event.id)).toEqual([...first, ...second, ...third].map((event) => event.id));
  });
}
