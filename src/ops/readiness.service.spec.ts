import type { AppConfig } from '../config/app-config';
import type { EventStore } from '../infrastructure/event-store/event-store.port';
import type { ProjectionStatus } from '../infrastructure/projections/projection';
import type { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import type { ReadStore } from '../infrastructure/read-store/read-store.port';
import { ReadinessService } from './readiness.service';

const caughtUp: ProjectionStatus = {
  name: 'exam-catalog',
  checkpoint: '9',
  behind: false,
  lastLagMs: 3,
  running: true,
};

function service(options: { runProjections?: boolean; statuses?: ProjectionStatus[]; readStoreDown?: boolean }) {
  const config = { runProjections: options.runProjections ?? true, readyMaxLagMs: 5000 } as AppConfig;
  const eventStore = { ping: async () => undefined } as unknown as EventStore;
  const readStore = {
    ping: () => (options.readStoreDown ? Promise.reject(new Error('connection refused')) : Promise.resolve()),
  } as unknown as ReadStore;
  const runner = { status: () => options.statuses ?? [caughtUp] } as unknown as ProjectionRunner;
  return new ReadinessService(config, eventStore, readStore, runner);
}

describe('ReadinessService', () => {
  it('is ready when both stores answer and every projection is caught up', async () => {
    const readiness = await service({}).check();
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.map((check) => check.name)).toEqual([
      'event-store',
      'read-store',
      'projection:exam-catalog',
    ]);
  });

  it('names the store that does not answer and the projection that lags', async () => {
    const lagging = { ...caughtUp, name: 'candidate-view', behind: true, lastLagMs: 60_000 };
    const readiness = await service({ readStoreDown: true, statuses: [caughtUp, lagging] }).check();
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.filter((check) => !check.ok)).toEqual([
      { name: 'read-store', ok: false, reason: 'connection refused' },
      { name: 'projection:candidate-view', ok: false, reason: 'behind the event log by 60000 ms (limit 5000 ms)' },
    ]);
  });

  it('does not judge projections in a process that does not run them (RUN_PROJECTIONS=false)', async () => {
    const stopped = { ...caughtUp, running: false };
    expect((await service({ runProjections: false, statuses: [stopped] }).check()).ready).toBe(true);
  });
});
