import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { enrollmentTableProjection } from '../../projections/enrollment-table/enrollment-table.projection';
import { siteOccupancyProjection } from '../../projections/site-occupancy/site-occupancy.projection';

/** A command's response waits (bounded) until the enrollment read models show what it wrote. */
@Injectable()
export class EnrollmentReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
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
}
