import Database from 'better-sqlite3';
import { EventStoreUnavailableError } from '../event-store.errors';

/** SQLite result codes that mean "the store cannot serve now", not "the caller did something wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL|NOMEM)/;

/** Maps driver failures to the port's error types; anything else (our own errors, bugs) passes through. */
export function mapSqliteError(error: unknown): unknown {
  if (error instanceof Database.SqliteError && UNAVAILABLE_CODES.test(error.code)) {
    return new EventStoreUnavailableError(error);
  }
  // better-sqlite3 throws a TypeError once the connection is closed (from its own realm, so the
  // message is checked rather than the class).
  if (
    typeof error === 'object' &&
    error !== null &&
    /database connection is not open/i.test(String((error as Error).message))
  ) {
    return new EventStoreUnavailableError(error);
  }
  return error;
}
