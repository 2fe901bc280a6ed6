import type Database from 'better-sqlite3';
import { ReadStoreUnavailableError } from '../read-store.errors';

/** SQLite result codes that mean "the store cannot serve now" (a full disk, a lock held too long, I/O). */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|NOTADB|CORRUPT|PROTOCOL|NOMEM)/;

/**
 * A write that the store could not make is ReadStoreUnavailableError (HTTP 503, logged with its
 * cause), not an unexpected 500: sessions, captchas and throttles live here. Anything else (a
 * unique violation the caller handles, our own errors) passes through unchanged.
 */
export function mapSqliteReadError(error: unknown): unknown {
  if (error instanceof ReadStoreUnavailableError || typeof error !== 'object' || error === null) return error;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' && UNAVAILABLE_CODES.test(code) ? new ReadStoreUnavailableError(error) : error;
}

/** An open batch: writes made with it join its transaction; `ended` resolves when it commits or rolls back. */
export interface BatchToken {
  readonly ended: Promise<void>;
}

/**
 * One connection, one transaction at a time. A batch keeps its transaction open across the
 * awaits of its work, so writes from other tasks of this process (another projection, a
 * session) must not slip into it — they would commit or roll back with it. A write names the
 * batch it belongs to (its token, handed to the batch's work); any other write waits until the
 * open batch has ended. With no batch open, a write runs at once, as one statement.
 * Explicit tokens rather than an AsyncLocalStorage: on Node 20 the latter turns on promise hooks
 * for the whole process, which cost every HTTP request ~15% (measured on /health).
 */
export class WriteGate {
  private open: BatchToken | undefined;

  constructor(private readonly db: Database.Database) {}

  async write<R>(run: () => R, token?: BatchToken): Promise<R> {
    while (this.open !== undefined && this.open !== token) await this.open.ended;
    try {
      return run();
    } catch (error) {
      throw mapSqliteReadError(error);
    }
  }

  /** The work must not start another batch (it would wait for itself). */
  async batch<T>(work: (token: BatchToken) => Promise<T>): Promise<T> {
    while (this.open !== undefined) await this.open.ended;
    let end!: () => void;
    const token: BatchToken = { ended: new Promise<void>((resolve) => (end = resolve)) };
    this.open = token;
    try {
      // IMMEDIATE takes the write lock now (waiting busy_timeout for other processes).
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(token);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } catch (error) {
      throw mapSqliteReadError(error);
    } finally {
      this.open = undefined;
      end();
    }
  }
}
