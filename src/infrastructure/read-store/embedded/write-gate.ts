import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

interface OpenBatch {
  ended: Promise<void>;
}

/**
 * One connection, one transaction at a time. A batch keeps its transaction open across the
 * awaits of its work, so writes from other tasks of this process (another projection, a
 * checkpoint) must not slip into it — they would commit or roll back with it. Each write asks
 * the gate: inside the open batch (known through AsyncLocalStorage) it runs at once; outside, it
 * waits until the batch has ended. With no batch open, a write runs at once, as one statement.
 */
export class WriteGate {
  private readonly context = new AsyncLocalStorage<OpenBatch>();
  private open: OpenBatch | undefined;

  constructor(private readonly db: Database.Database) {}

  async write<R>(run: () => R): Promise<R> {
    while (this.open !== undefined && this.context.getStore() !== this.open) await this.open.ended;
    return run();
  }

  async batch<T>(work: () => Promise<T>): Promise<T> {
    if (this.open !== undefined && this.context.getStore() === this.open) return work(); // nested: join it
    while (this.open !== undefined) await this.open.ended;
    let end!: () => void;
    const batch: OpenBatch = { ended: new Promise<void>((resolve) => (end = resolve)) };
    this.open = batch;
    try {
      // IMMEDIATE takes the write lock now (waiting busy_timeout for other processes).
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.context.run(batch, work);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.open = undefined;
      end();
    }
  }
}
