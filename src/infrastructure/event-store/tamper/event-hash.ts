import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { EventMetadata, RecordedEvent } from '../../../shared/messages';

/** The hash of "no previous event": the first event of a stream chains to it. */
export const GENESIS_HASH = '';

/**
 * What an event's chain hash covers, as text: where it sits, what it says and who wrote it. The
 * verifier builds it from parsed events (any adapter) or straight from stored rows (fast path).
 */
export interface ChainRecord {
  streamId: string;
  revision: bigint;
  position: bigint;
  id: string;
  type: string;
  /** metadata.hash as stored (undefined: none). */
  storedHash: string | undefined;
  /** JSON of the data, as stored. */
  dataText: string;
  /** JSON of the metadata without `hash`, keys in stored order. */
  metadataText: string;
}

/** The metadata as the hash saw it: everything except the hash itself (key order kept, as stored). */
export function metadataWithoutHash(metadata: EventMetadata): Omit<EventMetadata, 'hash'> {
  if (!('hash' in metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata;
  return rest;
}

/** A parsed event as a chain record (JSON re-serialised in the key order it was stored in). */
export function chainRecordOf(event: Omit<RecordedEvent, 'recordedAt'>): ChainRecord {
  const hash = event.metadata?.hash;
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    id: event.id,
    type: event.type,
    storedHash: typeof hash === 'string' ? hash : undefined,
    dataText: JSON.stringify(event.data ?? null),
    metadataText: JSON.stringify(metadataWithoutHash(event.metadata ?? ({} as EventMetadata))),
  };
}

const keys = new Map<string, KeyObject>();
function keyObject(key: string): KeyObject {
  let object = keys.get(key);
  if (!object) keys.set(key, (object = createSecretKey(Buffer.from(key, 'utf8'))));
  return object;
}

/**
 * HMAC-SHA256 over the JSON array [previous hash, stream, revision, id, type, data, metadata
 * without hash]. Built by concatenation (the same text JSON.stringify would give), so stored
 * rows can be checked without parsing them.
 */
export function chainHash(
  key: string,
  previousHash: string,
  record: Pick<ChainRecord, 'streamId' | 'revision' | 'id' | 'type' | 'dataText' | 'metadataText'>,
): string {
  const text =
    `[${JSON.stringify(previousHash)},${JSON.stringify(record.streamId)},"${record.revision}",` +
    `${JSON.stringify(record.id)},${JSON.stringify(record.type)},${record.dataText},${record.metadataText}]`;
  return createHmac('sha256', keyObject(key)).update(text).digest('base64url');
}

/** The chain hash of a parsed event (what the ChainingEventStore writes). */
export function eventHash(
  key: string,
  previousHash: string,
  event: Omit<RecordedEvent, 'recordedAt' | 'position'>,
): string {
  return chainHash(key, previousHash, chainRecordOf({ ...event, position: 0n }));
}
