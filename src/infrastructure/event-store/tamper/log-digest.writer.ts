import { newId } from '../../../shared/ids';
import type { NewEvent } from '../../../shared/messages';
import { WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import { chainRecordOf } from './event-hash';
import { type AuditDigestRecorded, digestSignature, DIGEST_STREAM, isDigest, SegmentHasher } from './log-digest';

export interface DigestOutcome {
  written: number;
  throughPosition: bigint;
}

/**
 * Appends signed digests of the log from the last digest to the head, at most `maxEvents` events
 * per digest (so a digest's list of stream heads stays small). Several processes may run it: a
 * digest is appended at the exact revision read, and the loser of a race simply stops.
 */
export class LogDigestWriter {
  constructor(
    private readonly store: EventStore,
    private readonly key: string,
    private readonly maxEvents = 1000,
  ) {}

  async writeDigests(now: Date = new Date()): Promise<DigestOutcome> {
    let written = 0;
    for (;;) {
      const [last] = await this.store.readStream(DIGEST_STREAM, { direction: 'backwards', maxCount: 1 });
      const previous = last && isDigest(last) ? last.data : undefined;
      const after = previous ? BigInt(previous.throughPosition) : 0n;
      const segment = await this.store.readAll({ after, maxCount: this.maxEvents });
      // Only our own previous digest since then: nothing new to vouch for.
      if (segment.length === 0 || segment.every((event) => isDigest(event))) return { written, throughPosition: after };
      const hasher = new SegmentHasher(previous?.runningHash ?? '');
      for (const event of segment) hasher.add(chainRecordOf(event));
      const data: Omit<AuditDigestRecorded['data'], 'signature'> = {
        fromPosition: after.toString(),
        throughPosition: segment[segment.length - 1].position.toString(),
        count: (previous?.count ?? 0) + hasher.count,
        previousRunningHash: hasher.previousRunningHash,
        runningHash: hasher.finish(),
        heads: [...hasher.heads].map(([stream, revision]) => [stream, revision.toString()]),
      };
      const id = newId();
      const event: NewEvent<AuditDigestRecorded> = {
        id,
        type: 'AuditDigestRecorded',
        data: { ...data, signature: digestSignature(this.key, data) },
        metadata: {
          messageId: id,
          correlationId: id,
          causationId: id,
          actor: { id: 'audit-digest', role: 'system' },
          occurredAt: now.toISOString(),
          schemaVersion: 1,
        },
      };
      try {
        await this.store.append(DIGEST_STREAM, [event], last ? last.revision : 'no_stream');
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) return { written, throughPosition: after };
        throw error;
      }
      written += 1;
      if (segment.length < this.maxEvents) return { written, throughPosition: BigInt(data.throughPosition) };
    }
  }
}
