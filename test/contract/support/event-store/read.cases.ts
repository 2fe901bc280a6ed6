import type { RecordedEvent } from '../../../../src/shared/messages';
import {
  CONTRACT_EVENT_NOTED,
  contractEvent,
  contractEvents,
  contractMetadata,
  uniqueStream,
} from '../contract-events';
import type { ContractContext } from './contract-context';

const revisions = (events: RecordedEvent[]) => events.map((event) => Number(event.revision));

export function readCases({ store }: ContractContext): void {
  describe('readStream', () => {
    const stream = uniqueStream();
    beforeAll(async () => {
      await store().append(stream, contractEvents(10), 'no_stream');
    });

    it('reads forwards and backwards', async () => {
      expect(revisions(await store().readStream(stream))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(revisions(await store().readStream(stream, { direction: 'backwards' }))).toEqual([
        9, 8, 7, 6, 5, 4, 3, 2, 1, 0,
      ]);
    });

    it('reads from a revision, up to a revision (the stream "as of"), and at most maxCount events', async () => {
      expect(revisions(await store().readStream(stream, { fromRevision: 7n }))).toEqual([7, 8, 9]);
      expect(revisions(await store().readStream(stream, { toRevision: 2n }))).toEqual([0, 1, 2]);
      expect(revisions(await store().readStream(stream, { fromRevision: 3n, toRevision: 5n }))).toEqual([3, 4, 5]);
      expect(revisions(await store().readStream(stream, { maxCount: 4 }))).toEqual([0, 1, 2, 3]);
      expect(revisions(await store().readStream(stream, { fromRevision: 8n, maxCount: 5 }))).toEqual([8, 9]);
      const backwards = await store().readStream(stream, { direction: 'backwards', fromRevision: 6n, maxCount: 3 });
      expect(revisions(backwards)).toEqual([6, 5, 4]);
      expect(await store().readStream(stream, { fromRevision: 10n })).toEqual([]);
    });

    it('returns no events for a stream that does not exist', async () => {
      expect(await store().readStream(uniqueStream())).toEqual([]);
    });
  });

  it('reads the global log in ordered batches of at most maxCount after a position', async () => {
    const start = await store().headPosition();
    const streams = [uniqueStream(), uniqueStream()];
    const appended: string[] = [];
    for (let round = 0; round < 5; round++) {
      for (const [index, stream] of streams.entries()) {
        const events = contractEvents(round === 0 ? 1 : 2, `${round}`);
        await store().append(stream, events, round === 0 ? 'no_stream' : BigInt(round * 2 - 2));
        appended.push(...events.map((event) => `${index}:${event.id}`));
      }
    }
    const seen: string[] = [];
    let after = start;
    for (let batches = 0; seen.length < appended.length; batches++) {
      const batch = await store().readAll({ after, maxCount: 4 });
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(4);
      for (const event of batch) {
        expect(event.position).toBeGreaterThan(after);
        after = event.position;
        const index = streams.indexOf(event.streamId);
        if (index >= 0) seen.push(`${index}:${event.id}`);
      }
      expect(batches).toBeLessThan(1000);
    }
    expect(seen).toEqual(appended);
    expect(await store().headPosition()).toBeGreaterThanOrEqual(after);
  });

  it('round-trips data and every metadata field', async () => {
    const stream = uniqueStream();
    const metadata = contractMetadata({
      actor: { id: 'candidate-张三', role: 'candidate' },
      ip: '2001:db8::7',
      hash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
      schemaVersion: 1,
      requestPath: '/api/enrollments',
    });
    const data = {
      name: '张三',
      idType: '居民身份证',
      scores: [1, 2.5, -3],
      ok: true,
      none: null,
      nested: { 考区: '北京' },
    };
    const event = { ...contractEvent(data, CONTRACT_EVENT_NOTED), id: metadata.messageId, metadata };
    const { position } = await store().append(stream, [event], 'no_stream');
    const [fromStream] = await store().readStream(stream);
    const [fromLog] = await store().readAll({ after: position - 1n, maxCount: 1 });
    for (const read of [fromStream, fromLog]) {
      expect(read).toMatchObject({
        id: event.id,
        streamId: stream,
        type: CONTRACT_EVENT_NOTED,
        revision: 0n,
        position,
      });
      expect(read.data).toEqual(data);
      expect(read.metadata).toEqual(metadata);
    }
  });
}
