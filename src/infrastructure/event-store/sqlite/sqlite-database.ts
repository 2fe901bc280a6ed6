import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * How hard a commit waits for the disk.
 * - 'normal' (default): in WAL mode a commit is written to the WAL before append() resolves, so
 *   it survives kill -9 of the process; a power loss or OS crash may drop the last transactions.
 * - 'full': the WAL is fsync'ed on every commit, so acknowledged appends also survive power loss,
 *   at the cost of one fsync per commit, which the appends of one turn share (see GroupCommit);
 *   set SQLITE_SYNCHRONOUS=FULL in production for that.
 */
export type SqliteSynchronous = 'normal' | 'full';

export interface SqliteDatabaseOptions {
  file: string;
  synchronous: SqliteSynchronous;
  /** How long a write waits for another process's write lock before failing as unavailable. */
  busyTimeoutMs: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    id          TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision)
  );
  CREATE INDEX IF NOT EXISTS events_by_id ON events (id);
`;

/** Opens (creating if needed) the event database, shared safely by several app processes. */
export function openEventDatabase(options: SqliteDatabaseOptions): Database.Database {
  const inMemory = options.file === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  // Set first: the schema statements below may already meet another process's lock.
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs))}`);
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
  db.exec(SCHEMA);
  return db;
}
