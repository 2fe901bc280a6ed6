import { Worker } from 'node:worker_threads';

/** How often the WAL is copied into the database file. */
const DEFAULT_INTERVAL_MS = 200;
/** A thread that died is started again after this pause. */
const RESTART_DELAY_MS = 1000;
/** A checkpoint failing every 200 ms is reported once in this period, not every time. */
const WARNING_INTERVAL_MS = 60_000;

/**
 * The thread's code, evaluated as a script (it runs the same under ts-jest and from dist/): one
 * connection that checkpoints on a timer, PASSIVE (it waits for no reader or writer). Its fsyncs
 * block only this thread.
 */
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error && error.message ? error.message : error));
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies an SQLite WAL into its database file from a thread of its own, so that the commits of
 * the appending thread seldom do it: SQLite's automatic checkpoint runs inside the commit that
 * finds the WAL over its threshold, fsyncs included (15–25 ms on the request thread under load).
 * Under steady appends this thread's PASSIVE checkpoints never catch the WAL's very end, so SQLite
 * cannot start the WAL over; the appending connection's own, higher threshold still does that
 * (see SqliteEventStore), with little left to copy by then. A thread that dies is started again.
 */
export class WalCheckpointer {
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private closing = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private lastWarnedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly file: string,
    private readonly onError: (message: string) => void,
    private readonly intervalMs = DEFAULT_INTERVAL_MS,
  ) {
    this.start();
  }

  /** Stops the timer and closes the thread's connection. */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.restartTimer);
    // Referenced again while it stops: an unreferenced thread's exit would not keep this process
    // alive, and a process with nothing else to do would end (exit code 0) before close() resolves.
    this.worker?.ref();
    this.worker?.postMessage('stop');
    await this.exited;
  }

  private start(): void {
    const worker = new Worker(SCRIPT, {
      eval: true,
      workerData: { file: this.file, intervalMs: this.intervalMs, driver: require.resolve('better-sqlite3') },
    });
    this.worker = worker;
    worker.on('message', (message: string) => this.warn(message));
    worker.on('error', (error) => this.warn(error.message));
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.worker = undefined;
        if (!this.closing) {
          this.restartTimer = setTimeout(() => this.start(), RESTART_DELAY_MS);
          this.restartTimer.unref();
        }
        resolve();
      }),
    );
    // A process that ends without closing its store is not kept alive by this thread.
    worker.unref();
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarnedAt < WARNING_INTERVAL_MS) return;
    this.lastWarnedAt = now;
    this.onError(message);
  }
}
