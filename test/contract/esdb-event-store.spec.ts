import {
  DeadlineExceededError,
  KurrentDBClient,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  binaryEvent,
  type JSONEventData,
} from '@kurrent/kurrentdb-client';
import { EsdbEventStore } from '../../src/infrastructure/event-store/esdb/esdb-event-store';
import { mapEsdbError } from '../../src/infrastructure/event-store/esdb/esdb-error-mapping';
import { isSystemEvent, toEventData, toRawEvent } from '../../src/infrastructure/event-store/esdb/esdb-event-mapping';
import { toStreamState } from '../../src/infrastructure/event-store/esdb/esdb-expected-revision';
import { decodePosition, encodePosition } from '../../src/infrastructure/event-store/esdb/esdb-position';
import { checkedAppend, readWindow } from '../../src/infrastructure/event-store/esdb/esdb-read-window';
import {
  CorruptEventError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../../src/infrastructure/event-store/event-store.errors';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { testEventStore } from './event-store.contract';
import { contractEvent, contractMetadata, uniqueStream, CONTRACT_EVENT } from './support/contract-events';

/**
 * The EventStoreDB / KurrentDB event store. The shared contract runs only against a real server,
 * named by EVENT_STORE=esdb://…?tls=false (e.g. `docker compose up -d eventstore`); there is no
 * fake server here. The pure parts of the adapter (position encoding, expected revisions, error
 * and event mapping) are tested below on every run.
 */
const connectionString = /^(esdb|kurrentdb|kdb)(\+discover)?:\/\//.test(process.env.EVENT_STORE ?? '')
  ? process.env.EVENT_STORE
  : undefined;
const serializer = new EventSerializer(eventRegistry);

if (connectionString) {
  const raw = KurrentDBClient.connectionString(connectionString);
  afterAll(() => raw.dispose());

  /** Plants what the port never writes (unknown type, malformed JSON) as a binary event, through the client. */
  const writeRaw = async (stream: string, type: string, dataJson: string): Promise<void> => {
    const metadata = contractMetadata();
    await raw.appendToStream(stream, binaryEvent({ type, data: Buffer.from(dataJson, 'utf8'), metadata }));
  };

  testEventStore('EventStoreDB', () => EsdbEventStore.connect(connectionString, serializer), { writeRaw });

  describe('EsdbEventStore on the server, beyond the contract', () => {
    let store: EsdbEventStore;
    beforeAll(async () => {
      store = await EsdbEventStore.connect(connectionString, serializer);
    });
    afterAll(() => store.close());

    it('stores $correlationId and $causationId for the server, and hides them from readers', async () => {
      const stream = uniqueStream();
      const event = contractEvent({ n: 1 });
      await store.append(stream, [event], 'no_stream');
      for await (const resolved of raw.readStream(stream, { maxCount: 1 })) {
        expect(resolved.event?.metadata).toMatchObject({
          $correlationId: event.metadata.correlationId,
          $causationId: event.metadata.causationId,
        });
      }
      const [read] = await store.readStream(stream);
      expect(read.metadata).toEqual(event.metadata);
    });

    it('refuses an event id that is not a UUID before sending anything', async () => {
      const stream = uniqueStream();
      await expect(store.append(stream, [{ ...contractEvent(), id: 'not-a-uuid' }], 'any')).rejects.toThrow(/UUID/);
      expect(await store.readStream(stream)).toEqual([]);
    });
  });
} else {
  console.warn(
    'EventStoreDB event-store contract NOT run: EVENT_STORE is not an esdb:// or kurrentdb:// connection string. ' +
      'Run it with EVENT_STORE=esdb://localhost:2113?tls=false (see docs/production.md). Only the adapter unit tests ran.',
  );
}

describe('EsdbEventStore adapter parts (no server needed)', () => {
  describe('global positions', () => {
    const U64_MAX = 2n ** 64n - 1n;

    it('round-trip (commit, prepare) through one bigint', () => {
      for (const position of [
        { commit: 0n, prepare: 0n },
        { commit: 1234n, prepare: 1234n },
        { commit: 1234n, prepare: 987n },
        { commit: U64_MAX, prepare: U64_MAX },
      ])
        expect(decodePosition(encodePosition(position))).toEqual(position);
    });

    it('order the bigints as $all orders the pairs: by commit, then by prepare', () => {
      const pairs = [
        { commit: 5n, prepare: 9n },
        { commit: 5n, prepare: 10n },
        { commit: 6n, prepare: 0n },
        { commit: 6n, prepare: U64_MAX },
        { commit: 2n ** 40n, prepare: 3n },
        { commit: U64_MAX, prepare: 0n },
      ];
      const encoded = pairs.map(encodePosition);
      for (let i = 1; i < encoded.length; i++) expect(encoded[i]).toBeGreaterThan(encoded[i - 1]);
      expect(encodePosition({ commit: 1n, prepare: 0n })).toBe(2n ** 64n);
    });

    it('refuse values outside unsigned 64-bit halves', () => {
      expect(() => encodePosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
      expect(() => encodePosition({ commit: 0n, prepare: 2n ** 64n })).toThrow(RangeError);
      expect(() => decodePosition(-1n)).toThrow(RangeError);
      expect(() => decodePosition(2n ** 128n)).toThrow(RangeError);
    });
  });

  it('maps expected revisions to the client stream states one to one', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState(0n)).toBe(0n);
    expect(toStreamState(41n)).toBe(41n);
    expect(() => toStreamState(-1n)).toThrow(RangeError);
  });

  describe('errors', () => {
    it('turns WrongExpectedVersionError into WrongExpectedRevisionError (409), with our stream and expectation', () => {
      const conflict = new WrongExpectedVersionError(undefined, { streamName: 's-1', expected: 3n, current: 5n });
      const mapped = mapEsdbError(conflict, { stream: 's-1', expected: 3n });
      expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
      expect(mapped).toMatchObject({ stream: 's-1', expected: 3n, actual: 5n, httpStatus: 409 });
      const missing = new WrongExpectedVersionError(undefined, {
        streamName: 's-2',
        expected: 'stream_exists',
        current: 'no_stream',
      });
      expect(mapEsdbError(missing)).toMatchObject({ stream: 's-2', expected: 'stream_exists', actual: 'no_stream' });
    });

    it('turns unavailable and deadline failures into EventStoreUnavailableError (503)', () => {
      for (const failure of [
        new UnavailableError(),
        new DeadlineExceededError(),
        Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
      ]) {
        const mapped = mapEsdbError(failure);
        expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
        expect(mapped).toMatchObject({ httpStatus: 503, cause: failure });
      }
    });

    it('fails to connect to an unreachable server with EventStoreUnavailableError, from the real client', async () => {
      const connecting = EsdbEventStore.connect('esdb://127.0.0.1:1?tls=false', serializer);
      await expect(connecting).rejects.toBeInstanceOf(EventStoreUnavailableError);
    });

    it('passes everything else through unchanged', () => {
      const notFound = new StreamNotFoundError(undefined, 's-3');
      const bug = new TypeError('bug');
      const coded = Object.assign(new Error('not a gRPC status'), { code: 'EVENT_STORE_UNAVAILABLE' });
      expect(mapEsdbError(notFound)).toBe(notFound);
      expect(mapEsdbError(bug)).toBe(bug);
      expect(mapEsdbError(coded)).toBe(coded);
      expect(mapEsdbError('text')).toBe('text');
    });
  });

  describe('events', () => {
    const event = contractEvent({ name: '张三', n: [1, 2] });
    const written = toEventData(event) as JSONEventData;
    const record = (overrides: Record<string, unknown> = {}) => ({
      id: event.id,
      streamId: 'contractTest-1',
      type: CONTRACT_EVENT,
      revision: 3n,
      created: new Date('2027-03-01T08:30:16.000Z'),
      data: written.data,
      metadata: written.metadata,
      position: { commit: 77n, prepare: 70n },
      ...overrides,
    });

    it('are written as JSON with our id, and the metadata gains $correlationId / $causationId', () => {
      expect(written).toMatchObject({ id: event.id, type: CONTRACT_EVENT, contentType: 'application/json' });
      expect(written.data).toEqual(event.data);
      expect(written.metadata).toEqual({
        ...event.metadata,
        $correlationId: event.metadata.correlationId,
        $causationId: event.metadata.causationId,
      });
    });

    it('read back through the serializer as they were appended, at the encoded position', () => {
      const recorded = serializer.deserialize(toRawEvent(record()));
      expect(recorded).toEqual({
        id: event.id,
        streamId: 'contractTest-1',
        type: CONTRACT_EVENT,
        data: event.data,
        metadata: event.metadata,
        revision: 3n,
        position: encodePosition({ commit: 77n, prepare: 70n }),
        recordedAt: '2027-03-01T08:30:16.000Z',
      });
    });

    it('that cannot be read fail as CorruptEventError, never skipped', () => {
      const cases = [
        record({ type: 'NobodyRegisteredThis' }),
        record({ data: '{"broken": ' }),
        record({ data: new Uint8Array(Buffer.from('not json')) }),
        record({ metadata: undefined }),
        record({ metadata: new Uint8Array(Buffer.from('{oops')) }),
      ];
      for (const corrupt of cases) expect(() => serializer.deserialize(toRawEvent(corrupt))).toThrow(CorruptEventError);
    });

    it('without a position (servers before 22.6) are refused with a clear reason', () => {
      expect(() => toRawEvent(record({ position: undefined }))).toThrow(/22\.6/);
    });

    it('in system streams or of system types are recognised', () => {
      expect(isSystemEvent({ type: '$>', streamId: '$ce-candidate' })).toBe(true);
      expect(isSystemEvent({ type: '$metadata', streamId: '$$candidate-1' })).toBe(true);
      expect(isSystemEvent({ type: 'Noted', streamId: '$scavenges' })).toBe(true);
      expect(isSystemEvent({ type: CONTRACT_EVENT, streamId: 'candidate-1' })).toBe(false);
    });

    it('to append must have a type and a UUID id, and there must be some', () => {
      expect(() => checkedAppend('s-1', [])).toThrow(/no events/);
      expect(() => checkedAppend('', [event])).toThrow(/stream name/);
      expect(() => checkedAppend('s-1', [{ ...event, id: 'e1' }])).toThrow(/UUID/);
      expect(() => checkedAppend('s-1', [{ ...event, type: '' }])).toThrow(/type/);
      expect(() => checkedAppend('s-1', [event])).not.toThrow();
    });
  });

  describe('stream read windows', () => {
    it('forwards: from a revision up to a revision, at most maxCount', () => {
      const window = readWindow({ fromRevision: 3n, toRevision: 5n, maxCount: 10 });
      expect(window).toMatchObject({ backwards: false, fromRevision: 3n, maxCount: 3 });
      expect([2n, 3n, 5n, 6n].map(window.keeps)).toEqual([true, true, true, false]);
      expect(readWindow({ toRevision: 2n })).toMatchObject({ fromRevision: 0n, maxCount: 3 });
      expect(readWindow({ fromRevision: 5n, toRevision: 2n }).maxCount).toBe(0);
      expect(readWindow({}).maxCount).toBeUndefined();
    });

    it('backwards: fromRevision is the highest returned, toRevision the lowest', () => {
      const window = readWindow({ direction: 'backwards', fromRevision: 6n, toRevision: 2n, maxCount: 10 });
      expect(window).toMatchObject({ backwards: true, fromRevision: 6n, maxCount: 5 });
      expect([1n, 2n, 6n].map(window.keeps)).toEqual([false, true, true]);
      expect(readWindow({ direction: 'backwards', maxCount: 1 })).toMatchObject({
        fromRevision: undefined,
        maxCount: 1,
      });
    });

    it('refuses a negative or fractional maxCount', () => {
      expect(() => readWindow({ maxCount: -1 })).toThrow(/maxCount/);
      expect(() => readWindow({ maxCount: 1.5 })).toThrow(/maxCount/);
    });
  });
});
