import type Database from 'better-sqlite3';
import type { Document, IndexSpec, ReadCollection, ReadStore, WriteScope } from '../read-store.port';
import { EmbeddedCollection } from './embedded-collection';
import { decodePosition, encodePosition } from './position-codec';
import { openReadDatabase } from './read-database';
import { collectionTable, createIndexSql } from './table-names';
import { type BatchToken, WriteGate } from './write-gate';

export interface EmbeddedReadStoreOptions {
  /** Path of the SQLite file, or ':memory:' for tests. */
  file: string;
  busyTimeoutMs?: number;
}

/**
 * The default read store: durable read models in a SQLite file of their own, one table per
 * collection (id, position, JSON document), checkpoints in the same file so data and checkpoint
 * survive restarts together. Memory stays bounded: documents live on disk, not in the heap.
 */
export class EmbeddedReadStore implements ReadStore {
  readonly kind = 'embedded';
  private readonly db: Database.Database;
  /** The CREATE TABLE / INDEX statements this connection has run (each IF NOT EXISTS). */
  private readonly created = new Set<string>();
  private readonly gate: WriteGate;
  private readonly collections = new Map<string, EmbeddedCollection<Document>>();
  private readonly getCheckpointStatement: Database.Statement<[string], string>;
  private readonly saveCheckpointStatement: Database.Statement<[string, string]>;
  private readonly resetCheckpointStatement: Database.Statement<[string]>;

  constructor(options: EmbeddedReadStoreOptions) {
    this.db = openReadDatabase(options);
    this.gate = new WriteGate(this.db);
    this.getCheckpointStatement = this.db.prepare<[string], string>('SELECT pos FROM checkpoints WHERE projection = ?');
    this.saveCheckpointStatement = this.db.prepare(
      'INSERT INTO checkpoints (projection, pos) VALUES (?, ?) ' +
        'ON CONFLICT (projection) DO UPDATE SET pos = excluded.pos WHERE checkpoints.pos < excluded.pos',
    );
    this.resetCheckpointStatement = this.db.prepare('DELETE FROM checkpoints WHERE projection = ?');
  }

  async collection<T extends Document>(name: string, indexes: IndexSpec[] = []): Promise<ReadCollection<T>> {
    const table = collectionTable(name);
    const statements = [
      `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, pos TEXT NOT NULL, doc TEXT NOT NULL)`,
      ...indexes.map((spec) => createIndexSql(name, spec)),
    ].filter((sql) => !this.created.has(sql));
    // Reads open their collection on every request: only what this connection has not created yet
    // costs a transaction (tables and indexes are never dropped, see dropCollections).
    if (statements.length > 0) {
      await this.gate.write(() =>
        this.db.transaction(() => statements.forEach((sql) => this.db.exec(sql))).immediate(),
      );
      for (const sql of statements) this.created.add(sql);
    }
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection<Document>(this.db, this.gate, name);
      this.collections.set(name, collection);
    }
    return collection as unknown as EmbeddedCollection<T>;
  }

  /** Empties the tables but keeps them and their indexes, so open collections stay usable. */
  async dropCollections(names: string[]): Promise<void> {
    const tables = names.map((name) => ({ name: `rm_${name}`, quoted: collectionTable(name) }));
    const exists = this.db.prepare<[string], number>("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
    // IMMEDIATE: a deferred transaction that reads first cannot wait for another connection's
    // write lock when it comes to write; SQLite answers "database is locked" at once instead.
    await this.gate.write(() =>
      this.db
        .transaction(() => {
          for (const table of tables) if (exists.pluck().get(table.name)) this.db.exec(`DELETE FROM ${table.quoted}`);
        })
        .immediate(),
    );
  }

  async getCheckpoint(projection: string): Promise<bigint | null> {
    const pos = this.getCheckpointStatement.pluck().get(projection);
    return pos === undefined ? null : decodePosition(pos);
  }

  saveCheckpoint(projection: string, position: bigint): Promise<boolean> {
    return this.saveCheckpointIn(undefined, projection, position);
  }

  private async saveCheckpointIn(token: BatchToken | undefined, projection: string, position: bigint) {
    const pos = encodePosition(position);
    return this.gate.write(() => this.saveCheckpointStatement.run(projection, pos).changes > 0, token);
  }

  async resetCheckpoint(projection: string): Promise<void> {
    await this.gate.write(() => this.resetCheckpointStatement.run(projection));
  }

  /** One transaction for the writes of `work` (see the port); a projection's batch of events. */
  batch<T>(work: (scope: WriteScope) => Promise<T>): Promise<T> {
    return this.gate.batch((token) => {
      const joined = new Map<ReadCollection<Document>, ReadCollection<Document>>();
      return work({
        collection: <D extends Document>(collection: ReadCollection<D>) => {
          if (!(collection instanceof EmbeddedCollection) || !collection.writesThrough(this.gate))
            throw new TypeError('A batch writes only to collections of its own store');
          let inBatch = joined.get(collection as unknown as ReadCollection<Document>);
          if (!inBatch) {
            inBatch = (collection as EmbeddedCollection<Document>).within(token);
            joined.set(collection as unknown as ReadCollection<Document>, inBatch);
          }
          return inBatch as unknown as ReadCollection<D>;
        },
        saveCheckpoint: (projection, position) => this.saveCheckpointIn(token, projection, position),
      });
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
