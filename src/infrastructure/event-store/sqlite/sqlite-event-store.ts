import type Database from 'better-sqlite3';
import type { NewEvent, RecordedEvent } from '../../../shared/messages';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import type { EventSerializer } from '../serialization/event-serializer';
import { AppendNotifier } from './append-notifier';
import { GroupCommit } from './group-commit';
import { createAppend, prepareEvents } from './sqlite-append';
import { openEventDatabase, type SqliteSynchronous } from './sqlite-database';
import { mapSqliteError } from './sqlite-error-mapping';
import { type EventRow, type EventStatements, MAX_REVISION, prepareStatements, toRawEvent } from './sqlite-statements';
import { SqliteSubscription } from './sqlite-subscription';
import { RecentRows } from './recent-rows';
import { StreamHeads } from './stream-heads';
import { WalCheckpointer } from './wal-checkpointer';

/** Newest rows shared by live subscriptions; a few seconds of appends at peak. */
const RECENT_ROWS = 5000;

export interface SqliteEventStoreOptions {
  /** Path of the database file (its directory is created if missing), or ':memory:'. */
  file: string;
  serializer: EventSerializer;
  /** How often live subscriptions look for appends made by other processes (default 25 ms). */
  pollIntervalMs?: number;
  /** 'normal' survives kill -9; 'full' also survives power loss (see SqliteSynchronous). */
  synchronous?: SqliteSynchronous;
  /** How long an append waits for another process's write lock (default 5 s). */
  busyTimeoutMs?: number;
  /**
   * Who copies the WAL into the database file. 'on-commit' (default, SQLite's own): the commit
   * that finds the WAL over 1,000 pages does it, fsyncs included, before its batch's appends return —
   * a 15–25 ms stall of the appending thread every few hundred appends under load. 'thread': a
   * thread of this store's own copies it every 200 ms (WalCheckpointer); this connection's commits
   * checkpoint only past 10,000 pages, which under steady appends is still what lets SQLite start
   * the WAL over (the WAL file then stays below ~40 MB): a tenth as many stalls, little left to copy.
   * Files only.
   */
  walCheckpoints?: 'on-commit' | 'thread';
  /** With walCheckpoints 'thread': how often it checkpoints (default 200 ms). */
  walCheckpointIntervalMs?: number;
}

/** The WAL size (pages) at which a connection whose checkpoints a thread does still does one itself. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;

/** The embedded event store: one SQLite file in WAL mode, shareable by several app processes. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements: EventStatements;
  private readonly commits: GroupCommit;
  private readonly serializer: EventSerializer;
  private readonly notifier = new AppendNotifier();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pingStatement: Database.Statement<[], unknown>;
  private readonly recent: RecentRows;
  /** A row read for the subscriptions is deserialised once, however many subscriptions deliver it. */
  private readonly deserialized = new WeakMap<EventRow, RecordedEvent>();
  private readonly heads: StreamHeads;
  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(options: SqliteEventStoreOptions) {
    this.serializer = options.serializer;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    try {
      this.db = openEventDatabase({
        file: options.file,
        synchronous: options.synchronous ?? 'normal',
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
      });
    } catch (error) {
      throw mapSqliteError(error);
    }
    if (options.walCheckpoints === 'thread' && options.file !== ':memory:') {
      this.db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
      this.checkpointer = new WalCheckpointer(
        options.file,
        (message) => process.emitWarning(`event store WAL checkpoint failed: ${message}`),
        options.walCheckpointIntervalMs,
      );
    }
    this.statements = prepareStatements(this.db);
    this.commits = new GroupCommit(this.db, {
      appendOne: createAppend(this.db, this.statements),
      // Synced before: a commit elsewhere after ours then still makes the next read forget these heads.
      beforeBatch: () => this.heads.sync(),
      afterCommit: (committed) => {
        for (const { append, result } of committed) this.heads.set(append.stream, result.head);
        if (committed.length === 0) return;
        this.recent.appended();
        this.notifier.notify();
      },
      mapError: mapSqliteError,
    });
    this.pingStatement = this.db.prepare('SELECT 1');
    const dataVersion = this.db.prepare<[], number>('PRAGMA data_version').pluck(true);
    this.heads = new StreamHeads(() => dataVersion.get() as number);
    this.recent = new RecentRows({
      read: (after, maxCount) => this.query(() => this.statements.readAll.all(after, maxCount)),
      capacity: RECENT_ROWS,
      // Other processes' appends are found by polling anyway; within this bound one poll serves all.
      tailReuseMs: Math.max(1, Math.floor(this.pollIntervalMs / 2)),
    });
  }

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const { head: _head, ...appended } = await this.commits.append({
      stream,
      events: prepareEvents(stream, events),
      expected,
    });
    return appended;
  }

  /** Backwards, `fromRevision` is the highest revision returned and `toRevision` the lowest. */
  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.maxCount === undefined ? -1 : checkedCount(options.maxCount, 'maxCount');
    const backwards = options.direction === 'backwards';
    const low = (backwards ? options.toRevision : options.fromRevision) ?? 0n;
    const high = (backwards ? options.fromRevision : options.toRevision) ?? MAX_REVISION;
    const statement = backwards ? this.statements.readBackwards : this.statements.readForwards;
    this.heads.sync();
    const bound = this.heads.get(stream);
    if (bound !== undefined && low > bound) return [];
    const events = this.deserializeRows(() => statement.all(stream, low, high, limit));
    if (high === MAX_REVISION && limit !== 0) this.learnHead(stream, events, low, backwards, limit);
    return events;
  }

  /**
   * What a read up to the end of a stream tells of its head: the newest event read (forwards,
   * unless the limit cut it short; backwards, the first); nothing read means no revision ≥ low.
   */
  private learnHead(stream: string, events: RecordedEvent[], low: bigint, backwards: boolean, limit: number): void {
    if (events.length === 0) this.heads.set(stream, low - 1n);
    else if (backwards) this.heads.set(stream, events[0].revision);
    else if (limit < 0 || events.length < limit) this.heads.set(stream, events[events.length - 1].revision);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const maxCount = checkedCount(options.maxCount, 'maxCount');
    return this.deserializeRows(() => this.statements.readAll.all(options.after ?? 0n, maxCount));
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const source = {
      readRows: (after: bigint, maxCount: number) => this.recent.after(after, maxCount),
      deserialize: (row: EventRow) => {
        let event = this.deserialized.get(row);
        if (!event) this.deserialized.set(row, (event = this.serializer.deserialize(toRawEvent(row))));
        return event;
      },
      notifier: this.notifier,
      pollIntervalMs: this.pollIntervalMs,
    };
    const subscription = new SqliteSubscription(source, options.after ?? 0n, (closed) =>
      this.subscriptions.delete(closed),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    try {
      return this.statements.headPosition.get() ?? 0n;
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  async ping(): Promise<void> {
    try {
      this.pingStatement.get();
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** Ends open subscriptions, then closes the connection; calling it again does nothing. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
    if (this.db.open) this.commits.flush();
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }

  private query(run: () => EventRow[]): EventRow[] {
    try {
      return run();
    } catch (error) {
      throw mapSqliteError(error);
    }
  }

  /** Corrupt events throw CorruptEventError (naming stream and position); none is skipped. */
  private deserializeRows(run: () => EventRow[]): RecordedEvent[] {
    const rows = this.query(run);
    const events = new Array<RecordedEvent>(rows.length);
    for (let index = 0; index < rows.length; index++)
      events[index] = this.serializer.deserialize(toRawEvent(rows[index]));
    return events;
  }
}

function checkedCount(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}
