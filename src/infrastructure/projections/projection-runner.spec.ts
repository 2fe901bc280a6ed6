import { Logger } from '@nestjs/common';
import type { RecordedEvent } from '../../shared/messages';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import type { EmbeddedReadStore } from '../read-store/embedded/embedded-read-store';
import type { ReadStore } from '../read-store/read-store.port';
import { metricsRegistry } from '../metrics/metrics-registry';
import { ProjectionRunner } from './projection-runner';
import type { ProjectionRunnerOptions } from './projection-runner.options';
import { type CounterView, counterEvent, counterProjection } from './testing/counter-projection';
import { ProjectionTestStores } from './testing/projection-test-stores';
import { UnknownProjectionError } from './unknown-projection.error';
import { ReadStoreUnavailableError } from '../read-store/read-store.errors';

const FAST: Partial<ProjectionRunnerOptions> = { retryInitialMs: 20, retryMaxMs: 80, checkpointIntervalMs: 20 };

describe('ProjectionRunner on the embedded stores', () => {
  let stores: ProjectionTestStores;
  let events: SqliteEventStore;
  let reads: EmbeddedReadStore;
  const runners: ProjectionRunner[] = [];

  const newRunner = (runProjections = true, options = FAST) => {
    const runner = new ProjectionRunner(events, reads, { runProjections }, options);
    runners.push(runner);
    return runner;
  };
  const increment = async (counterId: string, by = 1) =>
    (await events.append(`counter-${counterId}`, [counterEvent('CounterIncremented', counterId, by)], 'any')).position;
  const total = async (projection: string, counterId: string) =>
    (await (await reads.collection<CounterView>(`${projection}_counters`)).get(counterId))?.doc.total;

  beforeAll(() => Logger.overrideLogger(false)); // failures below are on purpose
  beforeEach(() => {
    stores = new ProjectionTestStores();
    events = stores.openEventStore();
    reads = stores.openReadStore();
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await stores.dispose();
  });

  it('catches up from the start, then follows live appends (read-your-writes)', async () => {
    await increment('a', 2);
    await increment('b');
    const runner = newRunner();
    runner.register(counterProjection('counts'));
    runner.onApplicationBootstrap();
    expect(await runner.waitFor(await events.headPosition(), ['counts'], 2000)).toBe(true);
    expect(await total('counts', 'a')).toBe(2);
    const position = await increment('a', 5);
    expect(await runner.waitFor(position, ['counts'], 2000)).toBe(true);
    expect(await total('counts', 'a')).toBe(7);
    expect(runner.status()).toEqual([
      expect.objectContaining({ name: 'counts', checkpoint: position.toString(), running: true, behind: false }),
    ]);
    expect(runner.status()[0].error).toBeUndefined();
  });

  it('waitFor answers false at the timeout, and refuses unknown projections', async () => {
    const runner = newRunner();
    runner.register(counterProjection('counts'));
    runner.start();
    const started = Date.now();
    expect(await runner.waitFor((await events.headPosition()) + 5n, ['counts'], 60)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(() => runner.waitFor(1n, ['counts', 'nope'], 10)).toThrow(UnknownProjectionError);
    expect(() => runner.register(counterProjection('counts'))).toThrow(/registered twice/);
  });

  it('applies only the declared event types; the others just move the checkpoint', async () => {
    const applied: RecordedEvent[] = [];
    const runner = newRunner();
    runner.register(counterProjection('typed', { applied }));
    runner.start();
    await increment('a');
    const last = (await events.append('other-1', [counterEvent('SomethingElse', 'a', 100)], 'any')).position;
    expect(await runner.waitFor(last, ['typed'], 2000)).toBe(true);
    expect(applied.map((event) => event.type)).toEqual(['CounterIncremented']);
    expect(await total('typed', 'a')).toBe(1);
    await runner.stop();
    expect(await reads.getCheckpoint('typed')).toBe(last);
    const metrics = await metricsRegistry.getSingleMetricAsString('projection_events_applied_total');
    expect(metrics).toContain('projection_events_applied_total{projection="typed"} 1');
    expect(await metricsRegistry.getSingleMetricAsString('projection_last_lag_ms')).toContain('projection="typed"');
  });

  it('stop saves the checkpoint; a restart resumes after it without applying anything twice', async () => {
    const applied: RecordedEvent[] = [];
    const first = newRunner();
    first.register(counterProjection('resume', { applied }));
    first.start();
    const position = await increment('a', 3);
    expect(await first.waitFor(position, ['resume'], 2000)).toBe(true);
    await first.stop();
    expect(await reads.getCheckpoint('resume')).toBe(position);
    const second = newRunner();
    second.register(counterProjection('resume', { applied }));
    second.start();
    const next = await increment('a', 4);
    expect(await second.waitFor(next, ['resume'], 2000)).toBe(true);
    expect(applied.map((event) => event.position)).toEqual([position, next]);
    expect(await total('resume', 'a')).toBe(7);
  });

  it('a crash between data and checkpoint is harmless: redelivered events change nothing', async () => {
    const first = newRunner();
    first.register(counterProjection('crash'));
    first.start();
    const early = await increment('a', 1);
    await increment('a', 10);
    await increment('b', 5);
    const head = await increment('a', 100);
    expect(await first.waitFor(head, ['crash'], 2000)).toBe(true);
    await first.stop();
    // As if the process died after writing the documents but before saving the checkpoint.
    await reads.resetCheckpoint('crash');
    await reads.saveCheckpoint('crash', early);
    const applied: RecordedEvent[] = [];
    const second = newRunner();
    second.register(counterProjection('crash', { applied }));
    second.start();
    expect(await second.waitFor(head, ['crash'], 2000)).toBe(true);
    expect(applied).toHaveLength(3);
    expect(await total('crash', 'a')).toBe(111);
    expect(await total('crash', 'b')).toBe(5);
  });

  it('reports a failing projection, retries with backoff, and never skips the failing event', async () => {
    let failuresLeft = 3;
    const runner = newRunner();
    runner.register(
      counterProjection('flaky', {
        beforeApply: (event) => {
          if ((event.data as { counterId: string }).counterId === 'poison' && failuresLeft-- > 0) {
            throw new Error('read model unavailable');
          }
        },
      }),
    );
    runner.start();
    const before = await increment('a');
    expect(await runner.waitFor(before, ['flaky'], 2000)).toBe(true);
    const poison = await increment('poison', 7);
    const after = await increment('a');
    await waitUntil(() => runner.status()[0].error !== undefined);
    const failing = runner.status()[0];
    expect(failing.error).toBe('read model unavailable');
    expect(BigInt(failing.checkpoint ?? '0')).toBeLessThan(poison);
    expect(BigInt(failing.checkpoint ?? '0')).toBeGreaterThanOrEqual(before);
    expect(await runner.waitFor(after, ['flaky'], 3000)).toBe(true);
    expect(await total('flaky', 'poison')).toBe(7);
    expect(await total('flaky', 'a')).toBe(2);
    expect(runner.status()[0]).toEqual(expect.objectContaining({ running: true }));
    expect(runner.status()[0].error).toBeUndefined();
    expect(failuresLeft).toBe(-1);
  });

  it('reports a store that cannot write by its driver’s cause, not by the 503 wording users get', async () => {
    let failuresLeft = 1;
    const runner = newRunner();
    runner.register(
      counterProjection('full', {
        beforeApply: () => {
          if (failuresLeft-- > 0)
            throw new ReadStoreUnavailableError(
              Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
            );
        },
      }),
    );
    runner.start();
    const position = await increment('a');
    await waitUntil(() => runner.status()[0].error !== undefined);
    expect(runner.status()[0].error).toBe('SQLITE_FULL: database or disk is full');
    expect(await runner.waitFor(position, ['full'], 3000)).toBe(true);
  });

  it('marks a failing projection as not running while it waits to retry', async () => {
    const runner = newRunner(true, { ...FAST, retryInitialMs: 5000, retryMaxMs: 5000 });
    runner.register(
      counterProjection('broken', {
        beforeApply: () => {
          throw new Error('boom');
        },
      }),
    );
    runner.start();
    await increment('a');
    await waitUntil(() => runner.status()[0].error !== undefined);
    expect(runner.status()[0]).toEqual(expect.objectContaining({ running: false, error: 'boom', checkpoint: null }));
    const failures = await metricsRegistry.getSingleMetricAsString('projection_failures_total');
    expect(failures).toContain('projection_failures_total{projection="broken"} 1');
  });

  it('reports a projection stuck behind the head, and how long events have been waiting', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runner = newRunner(true, { ...FAST, headRefreshMs: 10 });
    runner.register(counterProjection('slow', { beforeApply: () => held }));
    const position = await increment('a');
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const stuck = runner.status()[0];
    expect(stuck).toEqual(expect.objectContaining({ behind: true, running: true, checkpoint: null }));
    expect(stuck.lastLagMs).toBeGreaterThanOrEqual(100);
    release();
    expect(await runner.waitFor(position, ['slow'], 2000)).toBe(true);
    await waitUntil(() => !runner.status()[0].behind);
    expect(runner.status()[0].checkpoint).toBe(position.toString());
  });

  it('stop gives up on a hung projection after stopTimeoutMs instead of hanging shutdown', async () => {
    const runner = newRunner(true, { ...FAST, stopTimeoutMs: 100 });
    runner.register(counterProjection('hung', { beforeApply: () => new Promise<void>(() => undefined) }));
    runner.start();
    await increment('a');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await runner.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(runner.status()[0].running).toBe(false);
    expect(await reads.getCheckpoint('hung')).toBeNull();
  });

  it('with RUN_PROJECTIONS=false it does not project, and waitFor trusts the stored checkpoint', async () => {
    const worker = newRunner();
    worker.register(counterProjection('shared'));
    const apiOnly = newRunner(false, { ...FAST, remoteCheckpointPollMs: 10 });
    apiOnly.register(counterProjection('shared'));
    apiOnly.onApplicationBootstrap();
    const position = await increment('a');
    expect(await apiOnly.waitFor(position, ['shared'], 50)).toBe(false);
    expect(apiOnly.status()[0].running).toBe(false);
    worker.start();
    expect(await apiOnly.waitFor(position, ['shared'], 2000)).toBe(true);
    expect(await total('shared', 'a')).toBe(1);
  });

  it('works the same on a read store without transactions (no batch, as MongoDB)', async () => {
    const plain: ReadStore = {
      kind: 'plain',
      collection: (name, indexes) => reads.collection(name, indexes),
      dropCollections: (names) => reads.dropCollections(names),
      getCheckpoint: (name) => reads.getCheckpoint(name),
      saveCheckpoint: (name, position) => reads.saveCheckpoint(name, position),
      resetCheckpoint: (name) => reads.resetCheckpoint(name),
      ping: () => reads.ping(),
      close: async () => undefined,
    };
    for (let i = 0; i < 20; i++) await increment(`c${i % 3}`, 1);
    const runner = new ProjectionRunner(events, plain, { runProjections: true }, FAST);
    runners.push(runner);
    runner.register(counterProjection('plain'));
    runner.start();
    const last = await increment('c0', 100);
    expect(await runner.waitFor(last, ['plain'], 3000)).toBe(true);
    expect([await total('plain', 'c0'), await total('plain', 'c1'), await total('plain', 'c2')]).toEqual([107, 7, 6]);
    await runner.stop();
    expect(await reads.getCheckpoint('plain')).toBe(last);
  });

  it('starts a projection registered after bootstrap', async () => {
    const runner = newRunner();
    runner.start();
    const position = await increment('late', 4);
    runner.register(counterProjection('late'));
    expect(await runner.waitFor(position, ['late'], 2000)).toBe(true);
    expect(await total('late', 'late')).toBe(4);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
