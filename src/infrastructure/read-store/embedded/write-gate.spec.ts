import Database from 'better-sqlite3';
import { ReadStoreUnavailableError } from '../read-store.errors';
import { WriteGate } from './write-gate';

/** An in-memory database that holds at most a few pages: a full disk, as SQLite reports it. */
function smallDatabase() {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (id TEXT PRIMARY KEY, doc TEXT NOT NULL)');
  db.pragma('max_page_count = 4');
  return db;
}

const fill = (db: Database.Database, id: string) =>
  db.prepare('INSERT INTO t (id, doc) VALUES (?, ?)').run(id, 'x'.repeat(64 * 1024));

describe('WriteGate: writes the store cannot make', () => {
  it('answers a full disk as ReadStoreUnavailableError, keeping the cause', async () => {
    const db = smallDatabase();
    const gate = new WriteGate(db);
    const error = await gate.write(() => fill(db, 'a')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadStoreUnavailableError);
    expect(error).toMatchObject({ httpStatus: 503, code: 'READ_STORE_UNAVAILABLE' });
    expect(((error as Error).cause as { code: string }).code).toBe('SQLITE_FULL');
  });

  it('maps a batch that meets a full disk, rolled back, and leaves the gate open for the next write', async () => {
    const db = smallDatabase();
    const gate = new WriteGate(db);
    const error = await gate
      .batch(async (token) => gate.write(() => fill(db, 'b'), token))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReadStoreUnavailableError);
    expect(db.inTransaction).toBe(false);
    await gate.write(() => db.prepare('INSERT INTO t (id, doc) VALUES (?, ?)').run('small', 'y'));
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('lets every other error through unchanged (a unique violation is the caller’s to handle)', async () => {
    const db = smallDatabase();
    const gate = new WriteGate(db);
    const insert = () => db.prepare('INSERT INTO t (id, doc) VALUES (?, ?)').run('same', 'y');
    await gate.write(insert);
    const duplicate = await gate.write(insert).catch((caught: unknown) => caught);
    expect(duplicate).not.toBeInstanceOf(ReadStoreUnavailableError);
    expect((duplicate as { code: string }).code).toMatch(/^SQLITE_CONSTRAINT/);
    const ours = new Error('a bug of ours');
    await expect(gate.write(() => Promise.reject(ours))).rejects.toBe(ours);
  });
});
