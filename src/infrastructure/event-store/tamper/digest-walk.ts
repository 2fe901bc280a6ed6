import type { RecordedEvent } from '../../../shared/messages';
import { type AuditDigestRecorded, SegmentHasher } from './log-digest';

export type Digest = RecordedEvent<AuditDigestRecorded>;

/**
 * The signed digests walked alongside the log in global order: each event's hash joins the
 * running hash, and a digest is compared (`close`) once the log has passed its position.
 */
export class DigestWalk {
  private next = 0;
  private nextThrough: number;
  private segment = new SegmentHasher('');
  /** Events seen so far. */
  events = 0;

  constructor(
    private readonly digests: Digest[],
    private readonly close: (digest: Digest, segment: SegmentHasher, eventsSoFar: number) => void,
  ) {
    this.nextThrough = this.throughOf(0);
  }

  /** Closes every digest that ends before `position`. */
  reach(position: number): void {
    while (position > this.nextThrough) this.closeNext();
  }

  add(storedHash: string | undefined, id: string): void {
    this.segment.addHash(storedHash, id);
    this.events += 1;
  }

  /** Closes the digests left (the log ended before their position: events are missing). */
  finish(): void {
    while (this.next < this.digests.length) this.closeNext();
  }

  private closeNext(): void {
    const digest = this.digests[this.next++];
    this.close(digest, this.segment, this.events);
    this.segment = new SegmentHasher(digest.data.runningHash);
    this.nextThrough = this.throughOf(this.next);
  }

  private throughOf(index: number): number {
    return index < this.digests.length ? Number(this.digests[index].data.throughPosition) : Infinity;
  }
}
