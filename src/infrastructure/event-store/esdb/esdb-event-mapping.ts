import { jsonEvent, type EventData, type JSONType, type Position } from '@kurrent/kurrentdb-client';
import type { NewEvent } from '../../../shared/messages';
import type { RawEvent } from '../serialization/event-serializer';
import { encodePosition } from './esdb-position';

/** EventStoreDB's own correlation keys, which its system projections and UI understand. */
const CORRELATION_KEYS = ['$correlationId', '$causationId'] as const;

/** Our event with its id (ESDB deduplicates appends on it) and metadata plus the `$` keys. */
export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: event.data as JSONType,
    metadata: {
      ...event.metadata,
      $correlationId: event.metadata.correlationId,
      $causationId: event.metadata.causationId,
    },
  });
}

/** The parts of the client's recorded event this adapter reads. */
export interface EsdbRecord {
  id: string;
  streamId: string;
  type: string;
  revision: bigint;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: Position;
}

/** System streams and types (`$…`): ESDB's own bookkeeping and projection links, never ours. */
export function isSystemEvent(record: Pick<EsdbRecord, 'type' | 'streamId'>): boolean {
  return record.type.startsWith('$') || record.streamId.startsWith('$');
}

/**
 * Back to the stored text the serializer checks. The client has already parsed JSON; where it
 * could not, it hands over the raw text or bytes, which then fail in the serializer as corrupt.
 * (So event data must be a JSON object or array, as ours always is: a bare JSON string would
 * come back as text and read as malformed.)
 */
export function toRawEvent(record: EsdbRecord): RawEvent {
  if (!record.position)
    throw new Error(
      `EventStoreDB did not report the position of event ${record.id} in ${record.streamId}` +
        ' (server 22.6 or later is required)',
    );
  return {
    id: record.id,
    streamId: record.streamId,
    type: record.type,
    data: storedText(record.data),
    metadata: storedText(withoutCorrelationKeys(record.metadata)),
    revision: record.revision,
    position: encodePosition(record.position),
    recordedAt: record.created.toISOString(),
  };
}

function withoutCorrelationKeys(metadata: unknown): unknown {
  if (typeof metadata !== 'object' || metadata === null || metadata instanceof Uint8Array) return metadata;
  const copy: Record<string, unknown> = { ...(metadata as Record<string, unknown>) };
  for (const key of CORRELATION_KEYS) delete copy[key];
  return copy;
}

function storedText(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'string') return value;
  // Empty metadata arrives as undefined; 'null' makes the serializer report it as not an object.
  return JSON.stringify(value ?? null);
}
