import type Database from 'better-sqlite3';
import type { PreparedAppend, SqliteAppendResult } from './sqlite-append';

type Outcome = { result: SqliteAppendResult } | { error: unknown };

interface Waiting {
  append: PreparedAppend;
  resolve: (result: SqliteAppendResult) => void;
  reject: (error: unknown) => void;
}

export interface GroupCommitHooks {
  /** Runs inside each append's savepoint; a throw rolls back that append alone. */
  appendOne: (append: PreparedAppend, recordedAt: string) => SqliteAppendResult;
  /** Before the batch's transaction begins. */
  beforeBatch: () => void;
  /** After the batch committed, with the appends it holds (refused ones left out). */
  afterCommit: (committed: Array<{ append: PreparedAppend; result: SqliteAppendResult }>) => void;
  /** Maps a driver error to the port's (applied to every error an append is rejected with). */
  mapError: (error: unknown) => unknown;
}

/**
 * Appends asked for in one turn of the event loop share one IMMEDIATE transaction. Under load, the
 * commit (taking the write lock, writing the WAL frames, updating the WAL index) is most of an
 * append's cost, and the requests read in one turn reach their appends in that turn. Each append
 * is a savepoint of its own, so one that is refused (a wrong expected revision) leaves the others
 * whole; none is answered before the commit that holds it, so an acknowledged append is exactly as
 * durable as one committed alone, and a failed commit fails every append of its batch, none of
 * which was written. With no load a batch holds one append and waits for nothing but the turn.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly commitBatch: Database.Transaction<(batch: Waiting[], recordedAt: string) => Outcome[]>;

  constructor(
    db: Database.Database,
    private readonly hooks: GroupCommitHooks,
  ) {
    this.commitBatch = db.transaction((batch: Waiting[], recordedAt: string) =>
      batch.map(({ append }): Outcome => {
        try {
          return { result: hooks.appendOne(append, recordedAt) };
        } catch (error) {
          // Some failures (disk full, I/O, out of memory) roll back the whole transaction, not the
          // savepoint: the batch fails then, or the appends after it would each commit on their own.
          if (!db.inTransaction) throw error;
          return { error };
        }
      }),
    );
  }

  append(append: PreparedAppend): Promise<SqliteAppendResult> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After the poll phase: every request read in this turn has queued its append by then.
      setImmediate(() => this.flush());
    });
  }

  /** Commits what is queued now (close() calls it, so nothing accepted is dropped). */
  flush(): void {
    this.scheduled = false;
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    let outcomes: Outcome[];
    try {
      this.hooks.beforeBatch();
      outcomes = this.commitBatch.immediate(batch, new Date().toISOString());
    } catch (error) {
      const mapped = this.hooks.mapError(error);
      for (const waiting of batch) waiting.reject(mapped);
      return;
    }
    const committed: Array<{ append: PreparedAppend; result: SqliteAppendResult }> = [];
    outcomes.forEach((outcome, index) => {
      if ('result' in outcome) committed.push({ append: batch[index].append, result: outcome.result });
    });
    try {
      this.hooks.afterCommit(committed);
    } finally {
      outcomes.forEach((outcome, index) => {
        if ('result' in outcome) batch[index].resolve(outcome.result);
        else batch[index].reject(this.hooks.mapError(outcome.error));
      });
    }
  }
}
