import type { ChainProblem, ChainProblemKind } from './chain-problem';
import { chainHash, type ChainRecord, GENESIS_HASH } from './event-hash';

/** Where a stream's chain stands (a number: revisions stay far below 2^53). */
export interface StreamCursor {
  lastRevision: number;
  lastHash: string;
  /** JSON of the stream id, as the chain text has it (computed once per stream). */
  streamJson: string;
}

/** Longer streams are reported as 'altered' without searching where the event came from. */
const MAX_CLASSIFIED_STREAM = 200;

/**
 * Checks events against their stream chains, fed in the order they are stored (a stream by
 * revision, or the whole log by position). After a problem the stream resynchronises on the event
 * read, so one tampered row is reported once, not as a cascade.
 */
export class ChainChecker {
  private readonly cursors = new Map<string, StreamCursor>();
  /** Stream mode: every hash of the stream, so a moved event finds its predecessor. */
  private readonly seenHashes = new Map<string, Set<string>>();

  constructor(private readonly key: string) {}

  get streamCount(): number {
    return this.cursors.size;
  }

  lastRevisionOf(streamId: string): bigint {
    return BigInt(this.cursors.get(streamId)?.lastRevision ?? -1);
  }

  /** Fast path (StoredRowCheck): the stream's cursor, undefined before its first event. */
  cursorOf(streamId: string): StreamCursor | undefined {
    return this.cursors.get(streamId);
  }

  /** Fast path: the stream's next event was verified with `hash` (what check() records for it). */
  advance(streamId: string, cursor: StreamCursor | undefined, revision: number, hash: string): void {
    if (cursor) {
      cursor.lastRevision = revision;
      cursor.lastHash = hash;
    } else {
      this.cursors.set(streamId, { lastRevision: revision, lastHash: hash, streamJson: JSON.stringify(streamId) });
    }
  }

  /** Stream mode: every hash of the stream is known up front, to tell "moved" from "altered". */
  knowStream(records: ChainRecord[]): void {
    if (records.length === 0) return;
    const seen = new Set<string>();
    for (const record of records) if (record.storedHash !== undefined) seen.add(record.storedHash);
    this.seenHashes.set(records[0].streamId, seen);
  }

  check(record: ChainRecord): ChainProblem | null {
    const cursor = this.cursors.get(record.streamId);
    const lastRevision = cursor ? BigInt(cursor.lastRevision) : -1n;
    const problem = this.findProblem(record, lastRevision, cursor?.lastHash ?? GENESIS_HASH);
    this.advance(record.streamId, cursor, Number(record.revision), record.storedHash ?? GENESIS_HASH);
    return problem;
  }

  private findProblem(record: ChainRecord, lastRevision: bigint, lastHash: string): ChainProblem | null {
    const expectedRevision = lastRevision + 1n;
    if (record.revision < expectedRevision)
      return problem('reordered', record, `第 ${record.revision} 号事件出现在第 ${lastRevision} 号之后（顺序被调换）`);
    const stored = record.storedHash;
    if (stored === undefined) return problem('unsigned', record, '事件没有哈希（未经链式存储写入）');
    if (record.revision > expectedRevision) {
      // Written as the next event but renumbered: it was moved, not preceded by a deletion.
      if (chainHash(this.key, lastHash, { ...record, revision: expectedRevision }) === stored)
        return problem(
          'reordered',
          record,
          `该事件原为第 ${expectedRevision} 号，现位于第 ${record.revision} 号（顺序被调换）`,
        );
      return problem('removed', record, `缺少第 ${expectedRevision} 号事件（已被删除）`, expectedRevision);
    }
    if (chainHash(this.key, lastHash, record) === stored) return null;
    return this.classifyMismatch(record, stored);
  }

  /**
   * The hash fails where the event sits: is it a genuine event moved here, or was it changed?
   * Tries every known predecessor and revision (bounded: only for streams of modest length).
   */
  private classifyMismatch(record: ChainRecord, stored: string): ChainProblem {
    const seen = this.seenHashes.get(record.streamId);
    if (seen && seen.size <= MAX_CLASSIFIED_STREAM) {
      const previousHashes = [GENESIS_HASH, ...seen];
      for (let revision = 0n; revision <= BigInt(seen.size); revision++) {
        for (const previous of previousHashes) {
          if (chainHash(this.key, previous, { ...record, revision }) !== stored) continue;
          if (revision !== record.revision)
            return problem(
              'reordered',
              record,
              `该事件原为第 ${revision} 号，现位于第 ${record.revision} 号（顺序被调换）`,
            );
          return problem('removed', record, '该事件之前的事件被删除或替换（链接断开）', record.revision - 1n);
        }
      }
    }
    return problem('altered', record, '事件内容与其哈希不符（已被修改）');
  }
}

function problem(
  kind: ChainProblemKind,
  record: ChainRecord,
  message: string,
  revision = record.revision,
): ChainProblem {
  const named = revision === record.revision;
  return {
    kind,
    streamId: record.streamId,
    revision: revision.toString(),
    position: named ? record.position.toString() : null,
    eventId: named ? record.id : null,
    eventType: named ? record.type : null,
    message,
  };
}
