import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { testEventStore } from './event-store.contract';
import { contractMetadata } from './support/contract-events';

const folder = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
const file = join(folder, 'nested', 'events.sqlite');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Plants a row the port would never write (unknown type, malformed JSON) at the stream's next revision. */
async function writeRaw(stream: string, type: string, dataJson: string): Promise<void> {
  const db = new Database(file);
  try {
    db.prepare(
      `INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at)
       SELECT ?, COALESCE(MAX(revision) + 1, 0), ?, ?, ?, ?, ? FROM events WHERE stream_id = ?`,
    ).run(
      stream,
      crypto.randomUUID(),
      type,
      dataJson,
      JSON.stringify(contractMetadata()),
      new Date().toISOString(),
      stream,
    );
  } finally {
    db.close();
  }
}

testEventStore(
  'SQLite (temp file)',
  async () => new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }),
  { writeRaw },
);
