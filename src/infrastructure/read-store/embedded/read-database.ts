import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export interface ReadDatabaseOptions {
  file: string;
  /** How long a write waits for another process holding the write lock. */
  busyTimeoutMs?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS checkpoints (
    projection TEXT PRIMARY KEY,
    pos        TEXT NOT NULL
  );
`;

const REGEX_CACHE_SIZE = 100;

/**
 * Opens the read-model database: its own file, next to (never inside) the event store.
 * WAL lets readers run beside one writer and several app processes share the file; NORMAL
 * synchronous is enough because a read model lost to a power cut is rebuilt from the log, and
 * WAL keeps commit order, so a surviving checkpoint implies the data written before it survived.
 */
export function openReadDatabase(options: ReadDatabaseOptions): Database.Database {
  const inMemory = options.file === ':memory:';
  if (!inMemory) mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  if (!inMemory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  registerRegexp(db);
  return db;
}

/** SQLite has no regular expressions of its own: $regex runs JavaScript's, on strings only. */
function registerRegexp(db: Database.Database): void {
  const compiled = new Map<string, RegExp>();
  db.function('rs_regexp', { deterministic: true }, (value: unknown, source: unknown, flags: unknown) => {
    if (typeof value !== 'string') return 0;
    const key = `${String(flags)}/${String(source)}`;
    let regex = compiled.get(key);
    if (!regex) {
      if (compiled.size >= REGEX_CACHE_SIZE) compiled.clear();
      regex = new RegExp(String(source), String(flags));
      compiled.set(key, regex);
    }
    return regex.test(value) ? 1 : 0;
  });
}
