import type { NewEvent, RecordedEvent } from '../../../shared/messages';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { eventHash, GENESIS_HASH } from './event-hash';

/** How often an append with 'any' / 'stream_exists' re-reads the head after losing a race. */
const MAX_LOOSE_RETRIES = 20;
/** How far back a retried append looks for its own events (an idempotent retry). */
const RETRY_LOOKBACK = 64;

/**
 * Tamper evidence for every adapter: each appended event gets `metadata.hash`, chaining it to the
 * previous event of its stream (see eventHash). The chain needs the exact previous event, so every
 * append is made with an exact expected revision: a caller's own exact expectation is passed
 * through; 'any' and 'stream_exists' use the revision just read and retry when another writer won.
 */
export class ChainingEventStore implements EventStore {
  readonly kind: string;

  constructor(
    private readonly inner: EventStore,
    private readonly key: string,
  ) {
    this.kind = inner.kind;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return this.inner.append(stream, events, expected);
    for (let attempt = 0; ; attempt++) {
      const [head] = await this.inner.readStream(stream, { direction: 'backwards', maxCount: 1 });
      const current = head ? head.revision : -1n;
      const exact =
        expected === 'any' || expected === 'stream_exists' ? this.looseToExact(expected, current) : expected;
      // When the caller's expectation does not match, the inner store refuses (or recognises a
      // retried append and writes nothing), so hashes computed from this head are never stored.
      const chained = this.chain(stream, events, head);
      try {
        return await this.inner.append(stream, chained, exact);
      } catch (error) {
        const loose = expected === 'any' || expected === 'stream_exists';
        if (!loose || !(error instanceof WrongExpectedRevisionError)) throw error;
        if (await this.alreadyStored(stream, events[0].id)) return this.inner.append(stream, chained, expected);
        if (attempt >= MAX_LOOSE_RETRIES) throw error;
      }
    }
  }

  private looseToExact(expected: 'any' | 'stream_exists', current: bigint): ExpectedRevision {
    if (current >= 0n) return current;
    // An empty stream with 'stream_exists' must still be refused by the store.
    return expected === 'any' ? 'no_stream' : 'stream_exists';
  }

  private chain(stream: string, events: NewEvent[], head: RecordedEvent | undefined): NewEvent[] {
    let previous = head?.metadata.hash ?? GENESIS_HASH;
    let revision = head ? head.revision : -1n;
    return events.map((event) => {
      revision += 1n;
      const { hash: _ignored, ...metadata } = event.metadata;
      const hash = eventHash(this.key, previous, { ...event, metadata, streamId: stream, revision });
      previous = hash;
      return { ...event, metadata: { ...metadata, hash } };
    });
  }

  private async alreadyStored(stream: string, eventId: string): Promise<boolean> {
    const recent = await this.inner.readStream(stream, { direction: 'backwards', maxCount: RETRY_LOOKBACK });
    return recent.some((event) => event.id === eventId);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
