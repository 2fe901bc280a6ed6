export const READ_STORE = Symbol('ReadStore');

/** A JSON document of a read model. Field names must not start with `_` (reserved). */
export type Document = Record<string, unknown>;

/**
 * A MongoDB-style filter, the subset both adapters support:
 * equality on a field (dotted paths allowed), and the operators
 * $eq $ne $in $nin $gt $gte $lt $lte $exists $regex (string; with $options 'i'),
 * combined with $and / $or.
 */
export type Filter = Record<string, unknown>;

export type SortOrder = 1 | -1;

export interface FindOptions {
  filter?: Filter;
  /** Fields in priority order, e.g. [['submittedAt', -1], ['id', 1]]. */
  sort?: Array<[string, SortOrder]>;
  skip?: number;
  limit?: number;
}

export interface IndexSpec {
  /** Fields of a compound index, in order. */
  fields: Array<[string, SortOrder]>;
  unique?: boolean;
}

export interface StoredDocument<T extends Document> {
  id: string;
  /** Global event-log position of the last event applied to this document. */
  position: bigint;
  doc: T;
}

export interface PutOptions {
  /**
   * Compare-and-set: write only if the stored document's position is exactly this
   * (null: only if there is no document). Without it, write only if the stored position
   * is lower than the new one — so redelivered events are harmless.
   */
  expectedPosition?: bigint | null;
}

export interface ReadCollection<T extends Document> {
  readonly name: string;
  get(id: string): Promise<StoredDocument<T> | null>;
  getMany(ids: string[]): Promise<Array<StoredDocument<T>>>;
  /** Returns false (and writes nothing) when the guard refuses. */
  put(id: string, doc: T, position: bigint, options?: PutOptions): Promise<boolean>;
  /** Deletes if the stored position is lower than `position`. */
  delete(id: string, position: bigint): Promise<boolean>;
  find(options?: FindOptions): Promise<T[]>;
  count(filter?: Filter): Promise<number>;
}

/** The writes of one batch: collections and the checkpoint, inside its transaction. */
export interface WriteScope {
  /** The same collection, its writes joining the batch (`collection` comes from this store). */
  collection<T extends Document>(collection: ReadCollection<T>): ReadCollection<T>;
  saveCheckpoint(projection: string, position: bigint): Promise<boolean>;
}

/**
 * The read store port. Both adapters (embedded SQLite file, MongoDB) pass the same contract
 * suite in test/contract/read-store.contract.ts.
 */
export interface ReadStore {
  readonly kind: string;
  /** Opens a collection, creating the declared indexes if they are missing. */
  collection<T extends Document>(name: string, indexes?: IndexSpec[]): Promise<ReadCollection<T>>;
  /** Removes every document of the collections (for a rebuild). */
  dropCollections(names: string[]): Promise<void>;
  getCheckpoint(projection: string): Promise<bigint | null>;
  /**
   * Moves the checkpoint forward only (several app processes may run the same projection;
   * every write is position-guarded, so the furthest checkpoint is the true one).
   */
  saveCheckpoint(projection: string, position: bigint): Promise<boolean>;
  /** Forgets the checkpoint (for a rebuild from position 0). */
  resetCheckpoint(projection: string): Promise<void>;
  /**
   * Optional: runs `work` so that the writes it makes through `scope` commit together, as one
   * transaction (the embedded store). Projections apply a batch of events and save their
   * checkpoint inside it. If `work` throws, none of its writes remain. Other writes meanwhile
   * wait for it; `work` must not start another batch. Adapters without transactions leave this
   * out; callers then just run `work` on the store itself.
   */
  batch?<T>(work: (scope: WriteScope) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
