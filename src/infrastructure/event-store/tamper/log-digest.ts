import { createHash, createHmac } from 'node:crypto';
import type { DomainEvent, RecordedEvent } from '../../../shared/messages';
import { eventRegistry } from '../serialization/event-registry';

/** The stream of signed log digests: `auditDigest-log`. */
export const DIGEST_STREAM = 'auditDigest-log';

/**
 * A signed record of the log up to `throughPosition`: how many events it held, a running hash of
 * their chain hashes in global order, and the last revision of every stream written in the
 * segment since the previous digest. A deleted last event of a stream, invisible to its own
 * chain, shows here: the digest remembers the head it had.
 */
export type AuditDigestRecorded = DomainEvent<
  'AuditDigestRecorded',
  {
    fromPosition: string;
    throughPosition: string;
    count: number;
    previousRunningHash: string;
    runningHash: string;
    /** [stream, last revision in this segment] for every stream the segment touched. */
    heads: Array<[string, string]>;
    signature: string;
  }
>;

eventRegistry.registerTypes('AuditDigestRecorded');

/** Text gathered before it is hashed: one update per ~16 KB instead of one per event. */
const PENDING_LIMIT = 16_384;

/** The running hash over a segment: the previous digest's, then each event's chain hash in order. */
export class SegmentHasher {
  private readonly hasher = createHash('sha256');
  private pending: string;
  count = 0;
  readonly heads = new Map<string, bigint>();

  constructor(readonly previousRunningHash: string) {
    this.pending = previousRunningHash;
  }

  /** An event, its stream's head remembered (for the writer's digest). */
  add(event: { storedHash: string | undefined; id: string; streamId: string; revision: bigint }): void {
    this.addHash(event.storedHash, event.id);
    this.heads.set(event.streamId, event.revision);
  }

  /** An event's chain hash only (what the verifier compares). */
  addHash(storedHash: string | undefined, id: string): void {
    this.pending += `|${storedHash ?? `unsigned:${id}`}`;
    this.count += 1;
    if (this.pending.length >= PENDING_LIMIT) this.flush();
  }

  finish(): string {
    this.flush();
    return this.hasher.digest('base64url');
  }

  /** Hashing the text in pieces gives the same digest as hashing it whole. */
  private flush(): void {
    this.hasher.update(this.pending);
    this.pending = '';
  }
}

export function digestSignature(key: string, data: Omit<AuditDigestRecorded['data'], 'signature'>): string {
  return createHmac('sha256', key)
    .update(
      JSON.stringify([
        'auditDigest',
        data.fromPosition,
        data.throughPosition,
        data.count,
        data.previousRunningHash,
        data.runningHash,
        data.heads,
      ]),
    )
    .digest('base64url');
}

export function isDigest(event: RecordedEvent): event is RecordedEvent<AuditDigestRecorded> {
  return event.type === 'AuditDigestRecorded' && event.streamId === DIGEST_STREAM;
}
