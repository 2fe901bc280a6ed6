import type Database from 'better-sqlite3';
import type { RawEvent } from '../serialization/event-serializer';

/**
 * A stored row as `.raw()` returns it: the columns of EVENT_COLUMNS. Positions and revisions come
 * as numbers (cheaper than safeIntegers on the read path) and are exact: they count events, one
 * by one, so they stay far below 2^53.
 */
export type EventRow = [
  position: number,
  streamId: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

const EVENT_COLUMNS = 'position, stream_id, revision, id, type, data, metadata, recorded_at';

/** Larger than any revision; binds "no upper bound" without a second statement. */
export const MAX_REVISION = 2n ** 63n - 1n;

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  // Rows as arrays, which saves building a throw-away object per row.
  const rows = <Params extends unknown[], Row>(sql: string) => db.prepare<Params, Row>(sql).raw(true);
  const bigintRows = <Params extends unknown[], Row>(sql: string) => rows<Params, Row>(sql).safeIntegers(true);
  return {
    /** Revision of the stream's last event. */
    lastRevision: db
      .prepare<[string], bigint>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck(true)
      .safeIntegers(true),
    /**
     * [revision, position] of an event id in a stream (idempotent retries). No ORDER BY: it would
     * make SQLite walk the whole stream instead of the id index (an id is stored once per stream).
     */
    findInStream: bigintRows<[string, string], [bigint, bigint]>(
      'SELECT revision, position FROM events WHERE id = ? AND stream_id = ? LIMIT 1',
    ),
    /** [id, position] of up to `limit` events of a stream from a revision on. */
    idsFrom: bigintRows<[string, bigint, number], [string, bigint]>(
      'SELECT id, position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    insert: db
      .prepare<[string, bigint, string, string, string, string, string], void>(
        'INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .safeIntegers(true),
    /** stream, lowest revision, highest revision, limit (-1: none). */
    readForwards: rows<[string, bigint, bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? ORDER BY revision LIMIT ?`,
    ),
    readBackwards: rows<[string, bigint, bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    /** after (exclusive), limit. */
    readAll: rows<[bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    headPosition: db.prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck(true).safeIntegers(true),
  };
}

export type EventStatements = ReturnType<typeof prepareStatements>;

export function toRawEvent(row: EventRow): RawEvent {
  return {
    position: BigInt(row[0]),
    streamId: row[1],
    revision: BigInt(row[2]),
    id: row[3],
    type: row[4],
    data: row[5],
    metadata: row[6],
    recordedAt: row[7],
  };
}
