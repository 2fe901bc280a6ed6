import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { APP_PROJECTIONS } from '../../src/bootstrap/app-projections';
import { createApp } from '../../src/bootstrap/create-app';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import type { ProjectionThread } from '../../src/infrastructure/projections/projection-thread';
import { READ_STORE, type ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { EmbeddedReadStore } from '../../src/infrastructure/read-store/embedded/embedded-read-store';
import { metricsRegistry } from '../../src/infrastructure/metrics/metrics-registry';
import { CANDIDATE_VIEW_COLLECTION } from '../../projections/candidate-view/candidate-view.types';
import { ensureBuilt } from '../e2e/support/build';
import { VALID, residentId } from './accounts-support';

/** PROJECTION_THREAD=true: the projections run in a worker thread (the compiled script in dist/). */
describe('projection thread', () => {
  jest.setTimeout(60_000);
  let app: NestFastifyApplication;
  let dataDir: string;
  let runner: ProjectionRunner;
  let store: EventStore;
  let readStore: ReadStore;
  const logLines: string[] = [];
  let registered = 0;
  let closed = false;
  const until = async (condition: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  /** Registers a candidate through the API; returns its id and the position of its event. */
  const register = async () => {
    registered++;
    const res = await request(app.getHttpServer())
      .post('/api/accounts/register')
      .send({
        ...VALID,
        username: `thread_user${registered}`,
        gender: 'M',
        birthDate: '1990-01-01',
        idNumber: residentId(2 * registered + 1),
      });
    expect(res.status).toBe(201);
    const candidateId = (res.body as { candidateId: string }).candidateId;
    const [event] = await store.readStream(`candidate-${candidateId}`);
    return { candidateId, position: event.position };
  };
  const viewOf = async (candidateId: string) =>
    (await readStore.collection(CANDIDATE_VIEW_COLLECTION)).get(candidateId);
  const appliedCount = async () => {
    const metric = await metricsRegistry.getSingleMetric('projection_events_applied_total')?.get();
    return metric?.values.find((value) => value.labels.projection === 'candidate-view')?.value ?? 0;
  };

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'projection-thread-'));
    app = await createApp({
      env: { APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'info', CAPTCHA_MODE: 'test', PROJECTION_THREAD: 'true' },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    await app.init();
    runner = app.get(ProjectionRunner);
    store = app.get<EventStore>(EVENT_STORE);
    readStore = app.get<ReadStore>(READ_STORE);
  });

  afterAll(async () => {
    if (!closed) await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('knows every projection the slices register (the thread looks them up by name)', () => {
    expect([...runner.names()].sort()).toEqual(APP_PROJECTIONS.map((projection) => projection.name).sort());
  });

  it('applies events in the thread and reports them to read-your-writes, status and metrics', async () => {
    expect(logLines.some((line) => line.includes('Projections run in a worker thread'))).toBe(true);
    const before = await appliedCount();
    const { candidateId, position } = await register();

    expect(await runner.waitFor(position, ['candidate-view'], 5000)).toBe(true);
    expect((await viewOf(candidateId))?.doc).toMatchObject({ username: 'thread_user1', realName: VALID.realName });
    expect(await appliedCount()).toBeGreaterThan(before);
    const status = runner.status().find((projection) => projection.name === 'candidate-view');
    expect(status).toMatchObject({ running: true, checkpoint: expect.any(String) });
    expect(BigInt(status!.checkpoint!)).toBeGreaterThanOrEqual(position);
  });

  it('pauses a projection in the thread for a rebuild, then resumes it there', async () => {
    const { candidateId } = await register();
    const result = await runner.rebuild('candidate-view');
    expect(result.eventsApplied).toBeGreaterThanOrEqual(2);
    expect(await viewOf(candidateId)).not.toBeNull();

    const after = await register();
    expect(await runner.waitFor(after.position, ['candidate-view'], 5000)).toBe(true);
    expect(await viewOf(after.candidateId)).not.toBeNull();
  });

  it('restarts a thread that died; its projections go on from their checkpoints', async () => {
    const thread = (runner as unknown as { thread: ProjectionThread }).thread;
    await (thread as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await until(() => logLines.some((line) => line.includes('Projection thread exited')));
    expect(runner.status().every((projection) => !projection.running)).toBe(true);

    const { candidateId, position } = await register();
    expect(await runner.waitFor(position, ['candidate-view'], 10_000)).toBe(true);
    expect(await viewOf(candidateId)).not.toBeNull();
  });

  it('saves every checkpoint when the app closes', async () => {
    const registered = await register();
    expect(await runner.waitFor(registered.position, ['candidate-view'], 5000)).toBe(true);
    // An event candidate-view ignores only moves its position, and such a move is saved lazily:
    // without the save on stop, the checkpoint would stay before it.
    const { position } = await store.append(
      'thread-noise-1',
      toNewEvents([{ type: 'UsernameReleased', data: { candidateId: 'thread-noise', reason: 'test' } }], {
        actor: { id: 'test', role: 'system' },
        correlationId: 'thread-noise',
        now: new Date(),
      }),
      'any',
    );
    // Stopping saves what was applied; it does not catch up, so wait until the thread applied it.
    expect(await runner.waitFor(position, ['candidate-view'], 5000)).toBe(true);
    await app.close();
    closed = true;
    const reopened = new EmbeddedReadStore({ file: join(dataDir, 'read-models.sqlite') });
    try {
      // At least that far (an audit digest may be appended meanwhile); without the save on stop it stays before.
      expect(await reopened.getCheckpoint('candidate-view')).toBeGreaterThanOrEqual(position);
    } finally {
      await reopened.close();
    }
  });
});
