import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../../config/app-config';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { EventSerializer } from '../../infrastructure/event-store/serialization/event-serializer';
import { SqliteEventStore } from '../../infrastructure/event-store/sqlite/sqlite-event-store';
import { ChainingEventStore } from '../../infrastructure/event-store/tamper/chaining-event-store';
import { headAnchorFileOf } from '../../infrastructure/event-store/tamper/head-anchor';
import type { NewEvent } from '../../shared/messages';
import { HeadAnchorScheduler } from './head-anchor.scheduler';

eventRegistry.registerTypes('HeadAnchorSpecNoted');

const event = (n: number): NewEvent => ({
  id: `e-${n}`,
  type: 'HeadAnchorSpecNoted',
  data: { n },
  metadata: {
    messageId: `e-${n}`,
    correlationId: 'c',
    causationId: 'c',
    actor: { id: 'system', role: 'system' },
    occurredAt: '2027-01-01T00:00:00.000Z',
    schemaVersion: 1,
  },
});

describe('HeadAnchorScheduler', () => {
  const folder = mkdtempSync(join(tmpdir(), 'head-anchor-scheduler-'));
  const file = join(folder, 'events.sqlite');
  const store = new ChainingEventStore(
    new SqliteEventStore({ file, serializer: new EventSerializer(eventRegistry) }),
    'k'.repeat(32),
  );
  const config = {
    eventStore: { kind: 'sqlite', file },
    secrets: { auditChainKey: 'k'.repeat(32) },
    runProjections: false,
  } as unknown as AppConfig;
  const logger = { error: jest.fn(), warn: jest.fn() };
  const scheduler = new HeadAnchorScheduler(store, config, logger as unknown as Logger);
  afterAll(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('anchors the head once the log has events, and reports a lost head once, not every tick', async () => {
    await scheduler.tick();
    expect(existsSync(headAnchorFileOf(file))).toBe(false);
    await store.append('notes-1', [event(1), event(2)], 'no_stream');
    await scheduler.tick();
    expect(existsSync(headAnchorFileOf(file))).toBe(true);
    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE id = ?').run('e-2');
    db.close();
    await scheduler.tick();
    await scheduler.tick();
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.warn).not.toHaveBeenCalled();
  });
});
