import type { NewEvent } from '../../../shared/messages';
import type { ReadStreamOptions } from '../event-store.port';

/** A stream read in the client's terms, plus the port's bound the client cannot express. */
export interface ReadWindow {
  backwards: boolean;
  /** Where the client starts reading; undefined: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  /** undefined: no limit. */
  maxCount?: number;
  /** The port's other bound (`toRevision`), checked on each event read. */
  keeps(revision: bigint): boolean;
}

/**
 * Forwards reads run from `fromRevision` up to `toRevision`; backwards, `fromRevision` is the
 * highest revision returned and `toRevision` the lowest (as in the SQLite adapter).
 */
export function readWindow(options: ReadStreamOptions): ReadWindow {
  const backwards = options.direction === 'backwards';
  let maxCount = options.maxCount === undefined ? undefined : checkedCount(options.maxCount, 'maxCount');
  const to = options.toRevision;
  if (!backwards) {
    const from = options.fromRevision ?? 0n;
    if (to !== undefined) maxCount = Math.min(maxCount ?? Infinity, span(from, to));
    return { backwards, fromRevision: from, maxCount, keeps: (revision) => to === undefined || revision <= to };
  }
  const from = options.fromRevision;
  if (from !== undefined && to !== undefined) maxCount = Math.min(maxCount ?? Infinity, span(to, from));
  return { backwards, fromRevision: from, maxCount, keeps: (revision) => to === undefined || revision >= to };
}

/** Number of revisions from low to high inclusive (0 when the range is empty), capped to a safe count. */
function span(low: bigint, high: bigint): number {
  if (high < low) return 0;
  const count = high - low + 1n;
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

export function checkedCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The same refusals as the SQLite adapter, plus ESDB's own rule that event ids are UUIDs. */
export function checkedAppend(stream: string, events: NewEvent[]): void {
  if (typeof stream !== 'string' || stream.length === 0) throw new TypeError('append: the stream name is empty');
  if (events.length === 0) throw new TypeError(`append to ${stream}: no events given`);
  for (const event of events) {
    if (typeof event.type !== 'string' || !event.type)
      throw new TypeError(`append to ${stream}: every event needs an id and a type`);
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new TypeError(
        `append to ${stream}: event id "${String(event.id)}" is not a UUID (EventStoreDB requires one)`,
      );
  }
}
