import { MongoClient, type CreateIndexesOptions, type Db, type IndexSpecification } from 'mongodb';
import type { Document, IndexSpec, ReadCollection, ReadStore } from '../read-store.port';
import { isDuplicateId, mongoCall } from './mongo-errors';
import { fromStoredPosition, toStoredPosition } from './mongo-position';
import { checkedField } from './mongo-query';
import { MongoReadCollection, type StoredShape } from './mongo-read-collection';

const COLLECTION_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,119}$/;
/** Read models live in `rm_<name>`, so no read model can collide with the checkpoints. */
const COLLECTION_PREFIX = 'rm_';
const CHECKPOINTS = 'checkpoints';

interface CheckpointShape {
  _id: string;
  _pos: string;
}

/** The MongoDB read store, on the official driver. */
export class MongoReadStore implements ReadStore {
  readonly kind = 'mongodb';

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  /** Connects and pings, so a wrong address fails at start with ReadStoreUnavailableError. */
  static async connect(uri: string, database: string): Promise<MongoReadStore> {
    // ignoreUndefined: a field set to undefined is left out, as JSON (and the embedded store) would.
    // Timeouts come from the URI (e.g. ?serverSelectionTimeoutMS=5000); the driver's default is 30 s.
    const client = new MongoClient(uri, { ignoreUndefined: true });
    try {
      await mongoCall(() => client.connect());
      const store = new MongoReadStore(client, client.db(database));
      await store.ping();
      return store;
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  async collection<T extends Document>(name: string, indexes: IndexSpec[] = []): Promise<ReadCollection<T>> {
    const collection = this.db.collection<StoredShape>(collectionName(name));
    for (const spec of indexes) {
      // createIndex is idempotent for an identical key and options.
      const { key, options } = mongoIndex(name, spec);
      await mongoCall(() => collection.createIndex(key, options));
    }
    return new MongoReadCollection<T>(name, collection);
  }

  /** Empties the collections but keeps them and their indexes, so open collections stay usable. */
  async dropCollections(names: string[]): Promise<void> {
    for (const name of names) await mongoCall(() => this.db.collection(collectionName(name)).deleteMany({}));
  }

  async getCheckpoint(projection: string): Promise<bigint | null> {
    const found = await mongoCall(() => this.checkpoints().findOne({ _id: projection }));
    return found ? fromStoredPosition(found._pos) : null;
  }

  /** Forward only, as put() is: a guarded upsert, asked again if a concurrent first save collides. */
  async saveCheckpoint(projection: string, position: bigint): Promise<boolean> {
    const pos = toStoredPosition(position);
    const lower = { _id: projection, _pos: { $lt: pos } };
    const update = { $set: { _pos: pos } };
    try {
      const result = await mongoCall(() => this.checkpoints().updateOne(lower, update, { upsert: true }));
      return result.modifiedCount === 1 || result.upsertedCount === 1;
    } catch (error) {
      if (!isDuplicateId(error)) throw error;
      return (await mongoCall(() => this.checkpoints().updateOne(lower, update))).modifiedCount === 1;
    }
  }

  async resetCheckpoint(projection: string): Promise<void> {
    await mongoCall(() => this.checkpoints().deleteOne({ _id: projection }));
  }

  async ping(): Promise<void> {
    await mongoCall(() => this.db.command({ ping: 1 }));
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private checkpoints() {
    return this.db.collection<CheckpointShape>(CHECKPOINTS);
  }
}

function collectionName(name: string): string {
  if (!COLLECTION_NAME.test(name))
    throw new Error(`Read store: collection name "${name}" must be 1–120 letters, digits, _ . or -`);
  return COLLECTION_PREFIX + name;
}

/**
 * The index for an IndexSpec. A unique index only covers documents that have all its fields, as
 * in the embedded store (SQLite's unique indexes ignore rows with a NULL): otherwise MongoDB
 * would index a missing field as null and allow only one document without it. ($exists keeps
 * the index usable by equality and range queries.) Unlike SQLite, an explicit null still counts.
 */
export function mongoIndex(
  collection: string,
  spec: IndexSpec,
): { key: IndexSpecification; options: CreateIndexesOptions } {
  if (spec.fields.length === 0) throw new Error(`Read store: an index of "${collection}" needs at least one field`);
  const key = spec.fields.map(([field, order]): [string, 1 | -1] => {
    if (order !== 1 && order !== -1) throw new Error(`Read store: index order of "${field}" must be 1 or -1`);
    return [checkedField(field), order];
  });
  if (spec.unique !== true) return { key, options: {} };
  const present = Object.fromEntries(key.map(([field]) => [field, { $exists: true }]));
  return { key, options: { unique: true, partialFilterExpression: present } };
}
