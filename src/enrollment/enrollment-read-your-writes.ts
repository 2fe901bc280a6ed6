import { Inject, Injectable } from '@nestjs/common';
import { CatalogQueries } from '../catalog/catalog-queries';
import { CatalogReader } from '../catalog/catalog-reader';
import type { RecordedEvent } from '../shared/messages';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';
import { enrollmentStream } from './enrollment.events';
import { siteStream } from './seats/seat.events';

const newestPosition = (events: RecordedEvent[]): bigint | null =>
  events.reduce<bigint | null>((max, e) => (max === null || e.position > max ? e.position : max), null);

/**
 * Read-your-writes for the enrollment read models, paid by the reads that need it, not by the
 * commands: a candidate's command answers from its own stream without waiting for projections.
 * The list of a candidate's enrollments waits, when read, for the candidate's own last event
 * (`candidateCaughtUp`); the free places of an area's sites wait for the newest event of each of
 * their seat streams (`seatsCaughtUp`: a seat move ends with a release on the old site's stream,
 * which the candidate's own streams do not point to). Staff commands still wait (`waitFor`):
 * their pages list the read model straight after. Every wait is bounded
 * (READ_YOUR_WRITES_TIMEOUT_MS).
 */
@Injectable()
export class EnrollmentReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    private readonly catalogs: CatalogQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly catalogReader: CatalogReader,
  ) {}

  /** After a staff command: the enrollment table shows it. */
  async waitFor(position: bigint | null): Promise<void> {
    if (position === null) return;
    await this.runner.waitFor(position, [enrollmentTableProjection.name], this.config.readYourWritesTimeoutMs);
  }

  /**
   * Before showing the free places of an area's sites: the seat read model holds the newest event
   * of each of their seat streams, so every seat move made there so far, the reader's own too. (A
   * seat event makes the projection save its checkpoint with its batch, so processes that follow
   * checkpoints see it at once; the log's head may be an event it only passes over.) Without an
   * area, every site: the log's head.
   */
  async seatsCaughtUp(sessionCode: string, areaCode?: string): Promise<void> {
    const position = areaCode ? await this.newestSeatEvent(sessionCode, areaCode) : await this.store.headPosition();
    if (position === null) return;
    await this.runner.waitFor(position, [siteOccupancyProjection.name], this.config.readYourWritesTimeoutMs);
  }

  private async newestSeatEvent(sessionCode: string, areaCode: string): Promise<bigint | null> {
    const { sites } = await this.catalogReader.load(sessionCode);
    const heads = await Promise.all(
      Object.values(sites)
        .filter((site) => site.areaCode === areaCode)
        .map((site) =>
          this.store.readStream(siteStream(sessionCode, site.code), { direction: 'backwards', maxCount: 1 }),
        ),
    );
    return newestPosition(heads.flat());
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
    await this.waitFor(newestPosition(heads.flat()));
  }
}
