import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventRegistry } from '../../src/infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../src/infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../src/infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainVerifier } from '../../src/infrastructure/event-store/tamper/chain-verifier';
import { SqliteRawLog } from '../../src/infrastructure/event-store/tamper/sqlite-raw-log';

/**
 * The whole-log check runs in the server for /api/audit/verify: it must let other requests run
 * while it works, not hold the event loop for its whole pass.
 */
it('lets timers (other requests) run while the whole log is verified', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'verify-yields-'));
  const file = join(folder, 'events.sqlite');
  try {
    await new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }).close(); // the schema
    const db = new Database(file);
    const insert = db.prepare(
      'INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < 150_000; i++)
        insert.run(`s-${i % 1000}`, Math.floor(i / 1000), `id-${i}`, 'T', '{"n":1}', '{"hash":"x"}', '2026-01-01');
    })();
    db.close();
    const store = new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) });
    const raw = new SqliteRawLog(file);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    try {
      const report = await new ChainVerifier(store, 'k'.repeat(40)).verifyLog({ raw });
      expect(report.intact).toBe(false); // unsigned rows: the point here is only the pauses
    } finally {
      clearInterval(timer);
      raw.close();
      await store.close();
    }
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 100));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);
