import type { NewEvent, RecordedEvent } from '../../shared/messages';

export const EVENT_STORE = Symbol('EventStore');

/**
 * Expected revision for an append (optimistic concurrency):
 * - 'no_stream': the stream must not exist yet;
 * - 'stream_exists': the stream must have at least one event;
 * - 'any': no check;
 * - bigint: the revision of the stream's last event must be exactly this.
 */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | bigint;

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextRevision: bigint;
  /** Global position of the last event written (or of the already-stored one, on an idempotent retry). */
  position: bigint;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Inclusive start revision (forwards: lowest, backwards: highest). */
  fromRevision?: bigint;
  /** Inclusive last revision to return when reading forwards: the stream "as of" a revision. */
  toRevision?: bigint;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this global position; omit to read from the start. */
  after?: bigint;
  /** Batch size; required so that nobody reads the whole log into memory by accident. */
  maxCount: number;
}

export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Stops the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

export interface SubscribeOptions {
  /** Exclusive: deliver events strictly after this position; omit to start at the beginning. */
  after?: bigint;
}

/**
 * The event store port. Both adapters (embedded SQLite, EventStoreDB) pass the same contract
 * suite in test/contract/event-store.contract.ts.
 *
 * Idempotence: appending events whose ids are already stored in that stream, at the same place,
 * writes nothing and returns the original result (a retried request is harmless).
 */
export interface EventStore {
  readonly kind: string;
  append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Returns [] for a stream that does not exist. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** One batch of the global log in order; [] when nothing is after `after`. */
  readAll(options: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from a position, then go live, with no gaps and no duplicates. */
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last event in the global log (0n when empty). */
  headPosition(): Promise<bigint>;
  /** Cheap reachability check for /ready. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
