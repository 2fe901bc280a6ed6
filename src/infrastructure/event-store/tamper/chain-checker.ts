import type { RecordedEvent } from '../../../shared/messages';
import type { ChainProblem, ChainProblemKind } from './chain-problem';
import { eventHash, GENESIS_HASH } from './event-hash';

interface StreamCursor {
  lastRevision: bigint;
  lastHash: string;
}

/**
 * Checks events against their stream chains, fed in the order they are stored (a stream by
 * revision, or the whole log by position). After a problem the stream resynchronises on the event
 * read, so one tampered row is reported once, not as a cascade.
 */
export class ChainChecker {
  private readonly cursors = new Map<string, StreamCursor>();
  /** Per stream, each hash seen and the revision it was written for: tells "moved" from "altered". */
  private readonly seenHashes = new Map<string, Map<string, bigint>>();

  constructor(
    private readonly key: string,
    private readonly options: { rememberHashes: boolean } = { rememberHashes: false },
  ) {}

  get streamCount(): number {
    return this.cursors.size;
  }

  lastRevisionOf(streamId: string): bigint {
    return this.cursors.get(streamId)?.lastRevision ?? -1n;
  }

  check(event: RecordedEvent): ChainProblem | null {
    const cursor = this.cursors.get(event.streamId) ?? { lastRevision: -1n, lastHash: GENESIS_HASH };
    const stored = event.metadata?.hash;
    const problem = this.findProblem(event, cursor, stored);
    this.cursors.set(event.streamId, { lastRevision: event.revision, lastHash: stored ?? GENESIS_HASH });
    if (this.options.rememberHashes && typeof stored === 'string') {
      const seen = this.seenHashes.get(event.streamId) ?? new Map<string, bigint>();
      seen.set(stored, event.revision);
      this.seenHashes.set(event.streamId, seen);
    }
    return problem;
  }

  private findProblem(event: RecordedEvent, cursor: StreamCursor, stored: unknown): ChainProblem | null {
    const expectedRevision = cursor.lastRevision + 1n;
    if (event.revision < expectedRevision)
      return problem(
        'reordered',
        event,
        `第 ${event.revision} 号事件出现在第 ${cursor.lastRevision} 号之后（顺序被调换）`,
      );
    if (typeof stored !== 'string') return problem('unsigned', event, '事件没有哈希（未经链式存储写入）');
    if (event.revision > expectedRevision) {
      // Written as the next event but renumbered: it was moved, not preceded by a deletion.
      if (eventHash(this.key, cursor.lastHash, { ...event, revision: expectedRevision }) === stored)
        return problem(
          'reordered',
          event,
          `该事件原为第 ${expectedRevision} 号，现位于第 ${event.revision} 号（顺序被调换）`,
        );
      return problem('removed', event, `缺少第 ${expectedRevision} 号事件（已被删除）`, expectedRevision);
    }
    if (eventHash(this.key, cursor.lastHash, event) === stored) return null;
    return this.classifyMismatch(event, stored);
  }

  /** Stream mode: every hash of the stream is known up front, so a moved event finds its predecessor. */
  knowStream(events: RecordedEvent[]): void {
    const seen = this.seenHashes.get(events[0]?.streamId ?? '') ?? new Map<string, bigint>();
    for (const event of events)
      if (typeof event.metadata?.hash === 'string') seen.set(event.metadata.hash, event.revision);
    if (events.length > 0) this.seenHashes.set(events[0].streamId, seen);
  }

  /**
   * The hash fails where the event sits: is it a genuine event moved here, or was it changed?
   * Tries every known predecessor and revision (bounded: only for streams of modest length).
   */
  private classifyMismatch(event: RecordedEvent, stored: string): ChainProblem {
    const seen = this.seenHashes.get(event.streamId);
    if (this.options.rememberHashes && seen && seen.size <= MAX_CLASSIFIED_STREAM) {
      const previousHashes = [GENESIS_HASH, ...seen.keys()];
      for (let revision = 0n; revision <= BigInt(seen.size); revision++) {
        for (const previous of previousHashes) {
          if (eventHash(this.key, previous, { ...event, revision }) !== stored) continue;
          if (revision !== event.revision)
            return problem(
              'reordered',
              event,
              `该事件原为第 ${revision} 号，现位于第 ${event.revision} 号（顺序被调换）`,
            );
          return problem('removed', event, '该事件之前的事件被删除或替换（链接断开）', event.revision - 1n);
        }
      }
    }
    return problem('altered', event, '事件内容与其哈希不符（已被修改）');
  }
}

/** Longer streams are reported as 'altered' without searching where the event came from. */
const MAX_CLASSIFIED_STREAM = 200;

function problem(
  kind: ChainProblemKind,
  event: RecordedEvent,
  message: string,
  revision = event.revision,
): ChainProblem {
  const named = revision === event.revision;
  return {
    kind,
    streamId: event.streamId,
    revision: revision.toString(),
    position: named ? event.position.toString() : null,
    eventId: named ? event.id : null,
    eventType: named ? event.type : null,
    message,
  };
}
