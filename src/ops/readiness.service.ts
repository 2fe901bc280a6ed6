import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { READ_STORE, type ReadStore } from '../infrastructure/read-store/read-store.port';
import { type Readiness, pingCheck, projectionCheck, readinessOf } from './readiness';

const PING_TIMEOUT_MS = 2000;

/** /ready: both stores answer and every projection this process runs is caught up. */
@Injectable()
export class ReadinessService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly projections: ProjectionRunner,
  ) {}

  async check(): Promise<Readiness> {
    const stores = await Promise.all([
      pingCheck('event-store', () => this.eventStore.ping(), PING_TIMEOUT_MS),
      pingCheck('read-store', () => this.readStore.ping(), PING_TIMEOUT_MS),
    ]);
    // A process started with RUN_PROJECTIONS=false serves requests without running projections.
    const projections = this.config.runProjections
      ? (await this.projections.status()).map((status) => projectionCheck(status, this.config.readyMaxLagMs))
      : [];
    return readinessOf([...stores, ...projections]);
  }
}
