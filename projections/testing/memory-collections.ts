import type { ProjectionCollections } from '../../src/infrastructure/projections/projection';
import type { Document, ReadCollection, StoredDocument } from '../../src/infrastructure/read-store/read-store.port';
import type { RecordedEvent } from '../../src/shared/messages';

/** For projection specs: collections with the read store's position-guarded put and delete. */
export function memoryCollections(): ProjectionCollections & {
  docs(name: string): Map<string, StoredDocument<Document>>;
} {
  const collections = new Map<string, Map<string, StoredDocument<Document>>>();
  const docsOf = (name: string) => {
    if (!collections.has(name)) collections.set(name, new Map());
    return collections.get(name)!;
  };
  return {
    docs: docsOf,
    collection<T extends Document>(name: string): ReadCollection<T> {
      const docs = docsOf(name) as Map<string, StoredDocument<T>>;
      return {
        name,
        get: async (id) => docs.get(id) ?? null,
        getMany: async (ids) => ids.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : [])),
        put: async (id, doc, position, options) => {
          const current = docs.get(id);
          if (options && 'expectedPosition' in options) {
            if ((current?.position ?? null) !== options.expectedPosition) return false;
          } else if (current && current.position >= position) return false;
          docs.set(id, { id, doc, position });
          return true;
        },
        delete: async (id, position) => {
          const current = docs.get(id);
          if (!current || current.position >= position) return false;
          return docs.delete(id);
        },
        find: async () => [...docs.values()].map((stored) => stored.doc),
        count: async () => docs.size,
      };
    },
  };
}

/** Numbers events as the store would: positions and revisions in order of creation. */
export function eventRecorder(streamId: string) {
  let position = 0n;
  return (type: string, data: object, occurredAt = '2027-01-10T02:00:00.000Z'): RecordedEvent => {
    position += 1n;
    return {
      id: `e${position}`,
      streamId,
      type,
      data,
      metadata: {
        messageId: `e${position}`,
        correlationId: 'c',
        causationId: 'c',
        actor: { id: 'x', role: 'candidate' },
        occurredAt,
        schemaVersion: 1,
      },
      revision: position - 1n,
      position,
      recordedAt: occurredAt,
    };
  };
}
