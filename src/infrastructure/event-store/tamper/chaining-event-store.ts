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
/** Streams whose newest known event is remembered, so an append need not read it again. */
const KNOWN_HEADS = 20_000;

/** A stream's newest event as last seen here: enough to chain the next one. */
interface KnownHead {
  revision: bigint;
  hash: string;
}

/**
 * Tamper evidence for every adapter: each appended event gets `metadata.hash`, chaining it to the
 * previous event of its stream (see eventHash). The chain needs the exact previous event, so every
 * append is made with an exact expected revision: a caller's own exact expectation is passed
 * through; 'any' and 'stream_exists' use the revision just read and retry when another writer won.
 */
export class ChainingEventStore implements EventStore {
  readonly kind: string;
  /**
   * Event `revision` of a stream has `hash`, for good: events are immutable. An append expecting
   * exactly that revision chains to it without reading the stream; if the stream has moved on
   * meanwhile (another process), the expectation fails and nothing computed from it is stored.
   */
  private readonly heads = new Map<string, KnownHead>();

  constructor(
    private readonly inner: EventStore,
    private readonly key: string,
  ) {
    this.kind = inner.kind;
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return this.inner.append(stream, events, expected);
    for (let attempt = 0; ; attempt++) {
      const head = attempt === 0 ? await this.knownHead(stream, expected) : await this.readHead(stream);
      const current = head ? head.revision : -1n;
      const exact =
        expected === 'any' || expected === 'stream_exists' ? this.looseToExact(expected, current) : expected;
      // When the caller's expectation does not match, the inner store refuses (or recognises a
      // retried append and writes nothing), so hashes computed from this head are never stored.
      const chained = this.chain(stream, events, head);
      try {
        const result = await this.inner.append(stream, chained, exact);
        this.remember(stream, chained, head);
        return result;
      } catch (error) {
        const loose = expected === 'any' || expected === 'stream_exists';
        if (!loose || !(error instanceof WrongExpectedRevisionError)) throw error;
        if (await this.alreadyStored(stream, events[0].id)) return this.inner.append(stream, chained, expected);
        if (attempt >= MAX_LOOSE_RETRIES) throw error;
      }
    }
  }

  /** The head to chain to: none for a new stream, the remembered one if it is the expected, else read. */
  private async knownHead(stream: string, expected: ExpectedRevision): Promise<KnownHead | undefined> {
    if (expected === 'no_stream') return undefined;
    const known = this.heads.get(stream);
    if (known && known.revision === expected) return known;
    return this.readHead(stream);
  }

  private async readHead(stream: string): Promise<KnownHead | undefined> {
    const [head] = await this.inner.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (!head) return undefined;
    const known = { revision: head.revision, hash: head.metadata.hash ?? GENESIS_HASH };
    this.learn(stream, known);
    return known;
  }

  private remember(stream: string, chained: NewEvent[], head: KnownHead | undefined): void {
    const revision = (head ? head.revision : -1n) + BigInt(chained.length);
    this.learn(stream, { revision, hash: chained[chained.length - 1].metadata.hash as string });
  }

  private learn(stream: string, head: KnownHead): void {
    const known = this.heads.get(stream);
    if (known && known.revision >= head.revision) return;
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > KNOWN_HEADS) this.heads.delete(this.heads.keys().next().value as string);
  }

  private looseToExact(expected: 'any' | 'stream_exists', current: bigint): ExpectedRevision {
    if (current >= 0n) return current;
    // An empty stream with 'stream_exists' must still be refused by the store.
    return expected === 'any' ? 'no_stream' : 'stream_exists';
  }

  private chain(stream: string, events: NewEvent[], head: KnownHead | undefined): NewEvent[] {
    let previous = head?.hash ?? GENESIS_HASH;
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

  async readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(stream, options);
    const newest = options?.direction === 'backwards' ? events[0] : events[events.length - 1];
    if (newest?.metadata.hash) this.learn(stream, { revision: newest.revision, hash: newest.metadata.hash });
    return events;
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
