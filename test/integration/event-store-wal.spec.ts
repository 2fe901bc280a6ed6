import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/bootstrap/create-app';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { contractEvent, uniqueStream } from '../contract/support/contract-events';

/** The app's appends leave WAL checkpoints to the store's own thread (see WalCheckpointer). */
describe('the app’s embedded event store', () => {
  jest.setTimeout(30_000);
  let app: NestFastifyApplication;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'event-store-wal-'));
    app = await createApp({
      env: { APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', CAPTCHA_MODE: 'test' },
      logDestination: { write: () => undefined },
    });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies a small append into the database file within moments, which its commit alone would not', async () => {
    const database = join(dataDir, 'events.sqlite');
    await new Promise((resolve) => setTimeout(resolve, 500)); // the seed's appends checkpointed
    const before = statSync(database).mtimeMs;
    await app.get<EventStore>(EVENT_STORE).append(uniqueStream(), [contractEvent({ n: 1 })], 'no_stream');
    const deadline = Date.now() + 5000;
    while (statSync(database).mtimeMs === before) {
      if (Date.now() > deadline) throw new Error('the database file was not written within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  });
});
