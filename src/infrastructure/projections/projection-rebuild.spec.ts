import { Logger } from '@nestjs/common';
import type { SqliteEventStore } from '../event-store/sqlite/sqlite-event-store';
import type { EmbeddedReadStore } from '../read-store/embedded/embedded-read-store';
import type { RebuildProgress } from './projection';
import { ProjectionRunner } from './projection-runner';
import { type CounterView, counterEvent, counterProjection } from './testing/counter-projection';
import { ProjectionTestStores } from './testing/projection-test-stores';
import { UnknownProjectionError } from './unknown-projection.error';

describe('ProjectionRunner.rebuild', () => {
  let stores: ProjectionTestStores;
  let events: SqliteEventStore;
  let reads: EmbeddedReadStore;
  let runner: ProjectionRunner;

  beforeAll(() => Logger.overrideLogger(['error']));
  beforeEach(async () => {
    stores = new ProjectionTestStores();
    events = stores.openEventStore();
    reads = stores.openReadStore();
    runner = new ProjectionRunner(events, reads, { runProjections: true }, { rebuildBatchSize: 1000 });
    runner.register(counterProjection('counts'));
    // 2,500 events: 250 per counter; c4 and c9 only receive a type the projection ignores.
    for (let k = 0; k < 10; k++) {
      const type = k % 5 === 4 ? 'SomethingElse' : 'CounterIncremented';
      const batch = Array.from({ length: 250 }, () => counterEvent(type, `c${k}`, 1));
      await events.append(`counter-c${k}`, batch, 'no_stream');
    }
  });
  afterEach(async () => {
    await runner.stop();
    await stores.dispose();
  });

  const counters = () => reads.collection<CounterView>('counts_counters');

  it('replays from position 0 in batches, reporting progress, and drops what the log does not support', async () => {
    await (await counters()).put('stale', { id: 'stale', total: 999 }, 10n ** 12n);
    await reads.saveCheckpoint('counts', 10n ** 12n);
    const progress: RebuildProgress[] = [];
    const result = await runner.rebuild('counts', (report) => progress.push(report));
    const head = await events.headPosition();
    expect(result).toEqual(
      expect.objectContaining({ projection: 'counts', eventsRead: 2500, eventsApplied: 2000, position: head }),
    );
    expect(result.eventsPerSec).toBeGreaterThan(0);
    expect(progress.map((report) => report.eventsRead)).toEqual([1000, 2000, 2500]);
    expect(progress.every((report) => report.headPosition === head)).toBe(true);
    expect(await (await counters()).get('stale')).toBeNull();
    const rebuilt = await (await counters()).find({ sort: [['id', 1]] });
    expect(rebuilt.map((doc) => doc.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c5', 'c6', 'c7', 'c8']);
    expect(rebuilt.every((doc) => doc.total === 250)).toBe(true);
    expect(await reads.getCheckpoint('counts')).toBe(head);
  });

  it('pauses a live projection during the rebuild and resumes it afterwards', async () => {
    runner.start();
    const head = await events.headPosition();
    expect(await runner.waitFor(head, ['counts'], 5000)).toBe(true);
    await runner.rebuild('counts');
    expect(runner.status()[0]).toEqual(expect.objectContaining({ checkpoint: head.toString() }));
    const next = (await events.append('counter-c0', [counterEvent('CounterIncremented', 'c0', 1)], 'any')).position;
    expect(await runner.waitFor(next, ['counts'], 2000)).toBe(true);
    expect((await (await counters()).get('c0'))?.doc.total).toBe(251);
  });

  it('runs offline, without starting the live projections', async () => {
    const offline = new ProjectionRunner(events, reads, { runProjections: false });
    offline.register(counterProjection('counts'));
    offline.onApplicationBootstrap();
    const result = await offline.rebuild('counts');
    expect(result.eventsRead).toBe(2500);
    expect(offline.status()[0].running).toBe(false);
    expect((await (await counters()).get('c1'))?.doc.total).toBe(250);
    await expect(offline.rebuild('unknown')).rejects.toThrow(UnknownProjectionError);
    await expect(offline.rebuild('unknown')).rejects.toThrow(/Known projections: counts/);
    await offline.stop();
  });
});
