import type { RecordedEvent } from '../../../shared/messages';
import type { Subscription } from '../event-store.port';
import type { AppendNotifier } from './append-notifier';
import type { EventRow } from './sqlite-statements';

export interface SubscriptionSource {
  /** One batch of stored rows after a position (synchronous: better-sqlite3). */
  readRows(after: bigint, maxCount: number): EventRow[];
  /** Throws CorruptEventError for an unreadable row. */
  deserialize(row: EventRow): RecordedEvent;
  notifier: AppendNotifier;
  pollIntervalMs: number;
}

/** Events held in memory at most per subscription: the consumer's pace drives further reads. */
const BATCH_SIZE = 500;

/**
 * Catch-up then live, over one loop: read the next batch after the last delivered position; when
 * there is none, sleep until an append in this process or the next poll (other processes). SQLite
 * commits one writer at a time and positions grow with each commit, so reading "after the last
 * delivered position" leaves no gaps and delivers nothing twice.
 */
export class SqliteSubscription implements Subscription {
  private closed = false;
  private iterating = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly source: SubscriptionSource,
    private position: bigint,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {}

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent, void, undefined> {
    if (this.iterating) throw new Error('A subscription can be iterated only once');
    this.iterating = true;
    try {
      while (!this.closed) {
        const rows = this.source.readRows(this.position, BATCH_SIZE);
        if (rows.length === 0) {
          await this.source.notifier.waitForAppend(this.source.pollIntervalMs, (wake) => (this.wake = wake));
          this.wake = undefined;
          continue;
        }
        // Deserialised one by one, so the events before an unreadable one are still delivered.
        for (const row of rows) {
          if (this.closed) return;
          const event = this.source.deserialize(row);
          this.position = event.position;
          yield event;
        }
        // Catching up, rows come from a synchronous driver: a consumer with nothing to write for
        // them (events of other types) would loop in microtasks only, never letting the thread's
        // event loop run. Its timers and immediates then piled up with what they held (4 GB and
        // an out-of-memory crash for 1.6 million events), and its messages waited. A full batch
        // therefore yields to the event loop once.
        if (rows.length === BATCH_SIZE) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      // Ended by close(), a failure, or the consumer leaving the loop: the subscription is done.
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.onClose(this);
  }
}
