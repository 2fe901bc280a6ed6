import { Inject, Injectable } from '@nestjs/common';
import { CatalogQueries } from '../catalog/catalog-queries';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';
import { enrollmentStream } from './enrollment.events';

/**
 * Read-your-writes for the enrollment read models, paid by the reads that need it, not by the
 * commands: a candidate's command answers from its own stream without waiting for projections.
 * The list of a candidate's enrollments waits, when read, for the candidate's own last event
 * (`candidateCaughtUp`); the free places of sites wait for everything appended before the read
 * (`seatsCaughtUp`: a seat move ends with a release on another site's stream, which the
 * candidate's own streams do not point to). Staff commands still wait (`waitFor`): their pages
 * list the read model straight after. Every wait is bounded (READ_YOUR_WRITES_TIMEOUT_MS).
 */
@Injectable()
export class EnrollmentReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly catalogs: CatalogQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After a staff command: the enrollment table shows it. */
  async waitFor(position: bigint | null): Promise<void> {
    if (position === null) return;
    await this.runner.waitFor(position, [enrollmentTableProjection.name], this.config.readYourWritesTimeoutMs);
  }

  /** Before showing free places: the seat read model holds every seat move appended so far. */
  async seatsCaughtUp(): Promise<void> {
    const head = await this.store.headPosition();
    await this.runner.waitFor(head, [siteOccupancyProjection.name], this.config.readYourWritesTimeoutMs);
  }

  /** Before listing a candidate's enrollments: the table has caught up with their newest event. */
  async candidateCaughtUp(candidateId: string): Promise<void> {
    const sessionCodes = await this.catalogs.sessionCodes();
    const heads = await Promise.all(
      sessionCodes.map((sessionCode) =>
        this.store.readStream(enrollmentStream(sessionCode, candidateId), {
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
