import type { EventMetadata, RecordedEvent } from '../../../shared/messages';
import { CorruptEventError } from '../event-store.errors';
import type { EventRegistry } from './event-registry';

/** A stored event before parsing, as both adapters hold it. */
export interface RawEvent {
  id: string;
  streamId: string;
  type: string;
  data: string;
  metadata: string;
  revision: bigint;
  position: bigint;
  recordedAt: string;
}

/** Parses stored JSON, checks the type is known and upcasts old schema versions. */
export class EventSerializer {
  constructor(private readonly registry: EventRegistry) {}

  deserialize(raw: RawEvent): RecordedEvent {
    let data: unknown;
    let metadata: EventMetadata;
    try {
      data = JSON.parse(raw.data);
      metadata = JSON.parse(raw.metadata) as EventMetadata;
    } catch (error) {
      throw new CorruptEventError(raw.streamId, raw.position, `malformed JSON (${(error as Error).message})`);
    }
    if (typeof metadata !== 'object' || metadata === null)
      throw new CorruptEventError(raw.streamId, raw.position, 'metadata is not an object');
    try {
      data = this.registry.upcast(raw.type, data, metadata);
    } catch (error) {
      throw new CorruptEventError(raw.streamId, raw.position, (error as Error).message);
    }
    return { ...raw, data, metadata };
  }
}
