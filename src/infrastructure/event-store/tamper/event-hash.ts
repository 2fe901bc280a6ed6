import { createHmac } from 'node:crypto';
import type { EventMetadata } from '../../../shared/messages';

/** The parts of an event its chain hash covers: where it sits, what it says and who wrote it. */
export interface HashableEvent {
  streamId: string;
  revision: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
}

/** The hash of "no previous event": the first event of a stream chains to it. */
export const GENESIS_HASH = '';

/** The metadata as the hash saw it: everything except the hash itself (key order kept, as stored). */
export function metadataWithoutHash(metadata: EventMetadata): Omit<EventMetadata, 'hash'> {
  if (!('hash' in metadata)) return metadata;
  const { hash: _hash, ...rest } = metadata;
  return rest;
}

/**
 * HMAC-SHA256 over (previous hash of the stream, stream, revision, id, type, data, metadata
 * without hash). One JSON array keeps the fields unambiguous; both adapters give back JSON in the
 * key order it was written, so re-serialising what was read reproduces the hashed text.
 */
export function eventHash(key: string, previousHash: string, event: HashableEvent): string {
  const text = JSON.stringify([
    previousHash,
    event.streamId,
    event.revision.toString(),
    event.id,
    event.type,
    event.data ?? null,
    metadataWithoutHash(event.metadata),
  ]);
  return createHmac('sha256', key).update(text).digest('base64url');
}
