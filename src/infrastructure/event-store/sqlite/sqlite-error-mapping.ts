import { EventStoreUnavailableError } from '../event-store.errors';

/** SQLite result codes that mean "the store cannot serve now", not "the caller did something wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL|NOMEM)/;

/**
 * Maps driver failures to the port's error types; anything else (our own errors, bugs) passes
 * through. Errors are recognised by their code and message, not their class: the native addon
 * keeps the error class of the first copy of better-sqlite3 loaded in the process (Jest loads one
 * per test file), so `instanceof SqliteError` can be false for a genuine SqliteError.
 */
export function mapSqliteError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) return new EventStoreUnavailableError(error);
  // better-sqlite3 throws a TypeError once the connection is closed.
  if (typeof message === 'string' && /database connection is not open/i.test(message))
    return new EventStoreUnavailableError(error);
  return error;
}
