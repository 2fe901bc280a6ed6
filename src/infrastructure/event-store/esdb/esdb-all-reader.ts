import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type KurrentDBClient,
  type ReadPosition,
} from '@kurrent/kurrentdb-client';
import type { RecordedEvent } from '../../../shared/messages';
import type { EventSerializer } from '../serialization/event-serializer';
import { isSystemEvent, toRawEvent } from './esdb-event-mapping';
import { decodePosition } from './esdb-position';

/** Page size when walking $all backwards past system events to find the head. */
const HEAD_PAGE = 32;

/**
 * Reads $all in pages, always with a maxCount. System events are dropped here rather than by a
 * server-side filter: a filtered read may return a short page before the end of the log, and
 * the port promises that a short (or empty) batch means "nothing more yet".
 */
export class EsdbAllReader {
  constructor(
    private readonly client: Pick<KurrentDBClient, 'readAll'>,
    private readonly serializer: EventSerializer,
  ) {}

  /** Up to maxCount of our events strictly after `after`, in log order. */
  async batch(after: bigint, maxCount: number): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let from: ReadPosition = after === 0n ? START : decodePosition(after);
    let last = after;
    while (events.length < maxCount) {
      // One more than needed: the read starts at `from` inclusive, and that event was seen already.
      const pageSize = maxCount - events.length + 1;
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: pageSize,
        direction: FORWARDS,
      })) {
        read += 1;
        const record: AllStreamRecordedEvent | undefined = resolved.event;
        if (!record) continue;
        from = record.position;
        const recorded = this.ours(record, last);
        if (!recorded) continue;
        last = recorded.position;
        if (events.push(recorded) === maxCount) break;
      }
      if (read < pageSize) break;
    }
    return events;
  }

  /** Position of the last of our events in the log, 0n when there is none. */
  async head(): Promise<bigint> {
    let from: ReadPosition = END;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: from,
        maxCount: HEAD_PAGE,
        direction: BACKWARDS,
      })) {
        read += 1;
        const record: AllStreamRecordedEvent | undefined = resolved.event;
        if (!record) continue;
        if (!isSystemEvent(record)) return toRawEvent(record).position;
        from = record.position;
      }
      if (read < HEAD_PAGE) return 0n;
    }
  }

  /** Our event, or undefined for a system event or one at or before `after`. */
  private ours(record: AllStreamRecordedEvent, after: bigint): RecordedEvent | undefined {
    if (isSystemEvent(record)) return undefined;
    const raw = toRawEvent(record);
    if (raw.position <= after) return undefined;
    return this.serializer.deserialize(raw);
  }
}
