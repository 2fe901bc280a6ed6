import { Worker } from 'node:worker_threads';

/** How often the WAL is copied into the database file. */
const DEFAULT_INTERVAL_MS = 200;

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
 * the appending thread never do it: SQLite's automatic checkpoint runs inside the commit that
 * finds the WAL over 1,000 pages, fsyncs included (15–25 ms on the request thread under load).
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, onError: (message: string) => void, intervalMs = DEFAULT_INTERVAL_MS) {
    this.worker = new Worker(SCRIPT, {
      eval: true,
      workerData: { file, intervalMs, driver: require.resolve('better-sqlite3') },
    });
    this.worker.on('message', (message: string) => onError(message));
    this.worker.on('error', (error) => onError(error.message));
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // A process that ends without closing its store is not kept alive by this thread.
    this.worker.unref();
  }

  /** Stops the timer and closes the thread's connection. */
  async close(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }
}
