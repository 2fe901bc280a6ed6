import type { Collection, Document as BsonDocument } from 'mongodb';
import type { Document, Filter, FindOptions, PutOptions, ReadCollection, StoredDocument } from '../read-store.port';
import { isDuplicateId, mongoCall } from './mongo-errors';
import { fromStoredPosition, toStoredPosition } from './mongo-position';
import { checkedPaging, isPlainObject, toMongoFilter, toMongoSort } from './mongo-query';

/** How a read-model document is kept: `_id`, `_pos`, then the document's own fields at top level. */
export interface StoredShape extends BsonDocument {
  _id: string;
  _pos: string;
}

/**
 * One read model in a MongoDB collection. Every write is one single-document operation whose
 * filter holds the position guard, so it stays atomic with several app processes writing.
 */
export class MongoReadCollection<T extends Document> implements ReadCollection<T> {
  constructor(
    readonly name: string,
    private readonly collection: Collection<StoredShape>,
  ) {}

  async get(id: string): Promise<StoredDocument<T> | null> {
    const found = await mongoCall(() => this.collection.findOne({ _id: id }));
    return found ? toStored<T>(found) : null;
  }

  async getMany(ids: string[]): Promise<Array<StoredDocument<T>>> {
    if (ids.length === 0) return [];
    const found = await mongoCall(() => this.collection.find({ _id: { $in: [...new Set(ids)] } }).toArray());
    return found.map((stored) => toStored<T>(stored));
  }

  async put(id: string, doc: T, position: bigint, options: PutOptions = {}): Promise<boolean> {
    const pos = toStoredPosition(position);
    const replacement = { _pos: pos, ...jsonDocument(doc) };
    const expected = options.expectedPosition;
    if (expected === null) {
      try {
        await mongoCall(() => this.collection.insertOne({ _id: id, ...replacement }));
        return true;
      } catch (error) {
        if (isDuplicateId(error)) return false;
        throw error;
      }
    }
    if (expected !== undefined) {
      const filter = { _id: id, _pos: toStoredPosition(expected) };
      return (await mongoCall(() => this.collection.replaceOne(filter, replacement))).matchedCount === 1;
    }
    // Upsert guarded by position: when a newer (or equal) document exists the filter misses and
    // the upsert's insert collides on _id. The collision may also be a concurrent first write
    // that got in before us, so the guard is asked once more, now that the document exists.
    const newer = { _id: id, _pos: { $lt: pos } };
    try {
      const result = await mongoCall(() => this.collection.replaceOne(newer, replacement, { upsert: true }));
      return result.matchedCount === 1 || result.upsertedCount === 1;
    } catch (error) {
      if (!isDuplicateId(error)) throw error;
      return (await mongoCall(() => this.collection.replaceOne(newer, replacement))).matchedCount === 1;
    }
  }

  async delete(id: string, position: bigint): Promise<boolean> {
    const pos = toStoredPosition(position);
    const result = await mongoCall(() => this.collection.deleteOne({ _id: id, _pos: { $lt: pos } }));
    return result.deletedCount === 1;
  }

  async find(options: FindOptions = {}): Promise<T[]> {
    const filter = toMongoFilter(options.filter);
    const sort = toMongoSort(options.sort);
    const skip = checkedPaging('skip', options.skip);
    const limit = checkedPaging('limit', options.limit);
    const found = await mongoCall(() => this.collection.find(filter).sort(sort).skip(skip).limit(limit).toArray());
    return found.map((stored) => toStored<T>(stored).doc);
  }

  async count(filter?: Filter): Promise<number> {
    const checked = toMongoFilter(filter);
    return mongoCall(() => this.collection.countDocuments(checked));
  }
}

export function toStored<T extends Document>(stored: StoredShape): StoredDocument<T> {
  const { _id, _pos, ...doc } = stored;
  return { id: _id, position: fromStoredPosition(_pos), doc: doc as T };
}

/**
 * The document as JSON would carry it (as the embedded store keeps it): undefined fields
 * dropped, Dates as ISO strings, and a bigint refused rather than stored as a BSON Long.
 */
export function jsonDocument(doc: Document): Document {
  if (!isPlainObject(doc)) throw new TypeError('Read store: a document must be a plain object');
  const reserved = Object.keys(doc).find((key) => key.startsWith('_'));
  if (reserved) throw new TypeError(`Read store: document field "${reserved}" starts with _ (reserved)`);
  return JSON.parse(JSON.stringify(doc)) as Document;
}
