import type Database from 'better-sqlite3';
import type { NewEvent } from '../../src/shared/messages';

/**
 * The baseline: plain better-sqlite3 on the same schema and pragmas, doing what an append must
 * do (one IMMEDIATE transaction: read the stream's last revision, check it, insert, commit) and
 * what a replay must do (iterate in order, JSON.parse data and metadata), with nothing else.
 */
export class RawEventLog {
  private readonly lastRevision: Database.Statement<[string], number | undefined>;
  private readonly insert: Database.Statement<[string, number, string, string, string, string, string]>;
  private readonly appendBatch: Database.Transaction<(stream: string, expected: number, events: NewEvent[]) => void>;

  constructor(private readonly db: Database.Database) {
    this.lastRevision = db
      .prepare<[string], number | undefined>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      )
      .pluck();
    this.insert = db.prepare(
      'INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.appendBatch = db.transaction((stream: string, expected: number, events: NewEvent[]) => {
      const current = this.lastRevision.get(stream) ?? -1;
      if (current !== expected) throw new Error(`${stream}: expected ${expected}, found ${current}`);
      const recordedAt = new Date().toISOString();
      let revision = current;
      for (const event of events) {
        revision += 1;
        this.insert.run(
          stream,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        );
      }
    });
  }

  /** `expected` is the stream's last revision, -1 for a new stream. */
  append(stream: string, expected: number, events: NewEvent[]): void {
    this.appendBatch.immediate(stream, expected, events);
  }

  /** Reads every event in order, parsing its JSON; returns how many. */
  replay(): number {
    let count = 0;
    let check = 0;
    const rows = this.db.prepare<[], { data: string; metadata: string }>('SELECT * FROM events ORDER BY position');
    for (const row of rows.iterate()) {
      const data = JSON.parse(row.data) as object;
      const metadata = JSON.parse(row.metadata) as { schemaVersion: number };
      check += metadata.schemaVersion + (data ? 1 : 0);
      count++;
    }
    if (check !== count * 2) throw new Error('replay read something unexpected');
    return count;
  }
}
