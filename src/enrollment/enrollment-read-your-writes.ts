import { Inject, Injectable } from '@nestjs/common';
import { CatalogQueries } from '../catalog/catalog-queries';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';
import { enrollmentStream } from './enrollment.events';

/**
 * Read-your-writes for the enrollment read models. Commands that move seats wait (bounded) until
 * the read models show them, since the next page shows free places and the list. The steps
 * 2–6 do not wait: their pages read the enrollment's own stream; the list of a candidate's
 * enrollments instead waits, when read, for the candidate's own last event (`candidateCaughtUp`),
 * so a step answers without projection lag and the list is still never older than its reader.
 */
@Injectable()
export class EnrollmentReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly catalogs: CatalogQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `seats`: the command also moved seats, so the free places shown in step 6 must be current too. */
  async waitFor(position: bigint | null, seats = false): Promise<void> {
    if (position === null) return;
    const names = seats
      ? [enrollmentTableProjection.name, siteOccupancyProjection.name]
      : [enrollmentTableProjection.name];
    await this.runner.waitFor(position, names, this.config.readYourWritesTimeoutMs);
  }

  /** Before listing a candidate's enrollments: the table has caught up with their newest event. */
  async candidateCaughtUp(candidateId: string): Promise<void> {
    const sessions = await this.catalogs.listSessions();
    const heads = await Promise.all(
      sessions.map(({ session }) =>
        this.store.readStream(enrollmentStream(session.sessionCode, candidateId), {
          direction: 'backwards',
          maxCount: 1,
        }),
      ),
    );
    const newest = heads
      .flat()
      .reduce<bigint | null>((max, e) => (max === null || e.position > max ? e.position : max), null);
    await this.waitFor(newest);
  }
}
