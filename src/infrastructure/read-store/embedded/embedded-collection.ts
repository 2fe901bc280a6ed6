import type Database from 'better-sqlite3';
import type { Document, Filter, FindOptions, PutOptions, ReadCollection, StoredDocument } from '../read-store.port';
import { DuplicateKeyError, isUniqueViolation } from './duplicate-key.error';
import { filterToSql, orderAndPage } from './filter-to-sql';
import { decodePosition, encodePosition } from './position-codec';
import { collectionTable } from './table-names';
import { isPlainObject } from './value-conditions';
import type { BatchToken, WriteGate } from './write-gate';

interface Row {
  id: string;
  pos: string;
  doc: string;
}

const QUERY_CACHE_SIZE = 200;

/**
 * One read model in its own table. Every write is a single statement whose WHERE clause holds
 * the position guard, so it stays atomic when several processes share the file.
 */
export class EmbeddedCollection<T extends Document> implements ReadCollection<T> {
  private readonly table: string;
  private readonly selectOne: Database.Statement<[string], Row>;
  private readonly selectMany: Database.Statement<[string], Row>;
  private readonly upsertIfNewer: Database.Statement<[string, string, string]>;
  private readonly insertOnly: Database.Statement<[string, string, string]>;
  private readonly updateIfAt: Database.Statement<[string, string, string, string]>;
  private readonly deleteIfOlder: Database.Statement<[string, string]>;
  private readonly queries = new Map<string, Database.Statement<unknown[]>>();

  constructor(
    private readonly db: Database.Database,
    private readonly gate: WriteGate,
    readonly name: string,
  ) {
    const t = (this.table = collectionTable(name));
    this.selectOne = db.prepare(`SELECT id, pos, doc FROM ${t} WHERE id = ?`);
    this.selectMany = db.prepare(`SELECT id, pos, doc FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`);
    this.upsertIfNewer = db.prepare(
      `INSERT INTO ${t} (id, pos, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE ` +
        `SET pos = excluded.pos, doc = excluded.doc WHERE ${t}.pos < excluded.pos`,
    );
    this.insertOnly = db.prepare(`INSERT INTO ${t} (id, pos, doc) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING`);
    this.updateIfAt = db.prepare(`UPDATE ${t} SET pos = ?, doc = ? WHERE id = ? AND pos = ?`);
    this.deleteIfOlder = db.prepare(`DELETE FROM ${t} WHERE id = ? AND pos < ?`);
  }

  async get(id: string): Promise<StoredDocument<T> | null> {
    const row = this.selectOne.get(id);
    return row ? toStored<T>(row) : null;
  }

  async getMany(ids: string[]): Promise<Array<StoredDocument<T>>> {
    if (ids.length === 0) return [];
    const byId = new Map(this.selectMany.all(JSON.stringify(ids)).map((row) => [row.id, row]));
    return [...new Set(ids)].flatMap((id) => {
      const row = byId.get(id);
      return row ? [toStored<T>(row)] : [];
    });
  }

  put(id: string, doc: T, position: bigint, options: PutOptions = {}): Promise<boolean> {
    return this.putIn(undefined, id, doc, position, options);
  }

  delete(id: string, position: bigint): Promise<boolean> {
    return this.deleteIn(undefined, id, position);
  }

  /** Whether this collection writes through `gate` (belongs to that store). */
  writesThrough(gate: WriteGate): boolean {
    return this.gate === gate;
  }

  /** This collection with its writes joining the batch of `token`. */
  within(token: BatchToken): ReadCollection<T> {
    return {
      name: this.name,
      get: (id) => this.get(id),
      getMany: (ids) => this.getMany(ids),
      find: (options) => this.find(options),
      count: (filter) => this.count(filter),
      put: (id, doc, position, options) => this.putIn(token, id, doc, position, options),
      delete: (id, position) => this.deleteIn(token, id, position),
    };
  }

  private async putIn(
    token: BatchToken | undefined,
    id: string,
    doc: T,
    position: bigint,
    options: PutOptions = {},
  ): Promise<boolean> {
    const json = serialize(doc);
    const pos = encodePosition(position);
    const expected = options.expectedPosition;
    const expectedPos = expected === undefined || expected === null ? expected : encodePosition(expected);
    return this.gate.write(() => {
      try {
        if (expectedPos === undefined) return this.upsertIfNewer.run(id, pos, json).changes > 0;
        if (expectedPos === null) return this.insertOnly.run(id, pos, json).changes > 0;
        return this.updateIfAt.run(pos, json, id, expectedPos).changes > 0;
      } catch (error) {
        throw isUniqueViolation(error) ? new DuplicateKeyError(this.name, id, error) : error;
      }
    }, token);
  }

  private async deleteIn(token: BatchToken | undefined, id: string, position: bigint): Promise<boolean> {
    const pos = encodePosition(position);
    return this.gate.write(() => this.deleteIfOlder.run(id, pos).changes > 0, token);
  }

  async find(options: FindOptions = {}): Promise<T[]> {
    const where = filterToSql(options.filter);
    const tail = orderAndPage(options);
    const statement = this.query(`SELECT doc FROM ${this.table} WHERE ${where.sql}${tail.sql}`);
    const docs = statement.pluck().all(...where.params, ...tail.params) as string[];
    return docs.map((doc) => JSON.parse(doc) as T);
  }

  async count(filter?: Filter): Promise<number> {
    const where = filterToSql(filter);
    const statement = this.query(`SELECT count(*) FROM ${this.table} WHERE ${where.sql}`);
    return statement.pluck().get(...where.params) as number;
  }

  /** Plans the SQL of find() without running it (tests check the declared indexes are used). */
  explain(options: FindOptions = {}): string[] {
    const where = filterToSql(options.filter);
    const tail = orderAndPage(options);
    const sql = `EXPLAIN QUERY PLAN SELECT doc FROM ${this.table} WHERE ${where.sql}${tail.sql}`;
    const rows = this.db.prepare(sql).all(...where.params, ...tail.params) as Array<{ detail: string }>;
    return rows.map((row) => row.detail);
  }

  /** Filters share their SQL shape across calls, so prepared statements are cached by text. */
  private query(sql: string): Database.Statement<unknown[]> {
    let statement = this.queries.get(sql);
    if (!statement) {
      if (this.queries.size >= QUERY_CACHE_SIZE) this.queries.clear();
      statement = this.db.prepare(sql);
      this.queries.set(sql, statement);
    }
    return statement;
  }
}

function toStored<T extends Document>(row: Row): StoredDocument<T> {
  return { id: row.id, position: decodePosition(row.pos), doc: JSON.parse(row.doc) as T };
}

function serialize(doc: Document): string {
  if (!isPlainObject(doc)) throw new TypeError('Read store: a document must be a plain object');
  const reserved = Object.keys(doc).find((key) => key.startsWith('_'));
  if (reserved) throw new TypeError(`Read store: document field "${reserved}" starts with _ (reserved)`);
  return JSON.stringify(doc);
}
