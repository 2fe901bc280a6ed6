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

  async waitFor(position: bigint | null): Promise<void> {
    if (position === null) return;
    await this.runner.waitFor(
      position,
      [enrollmentTableProjection.name, siteOccupancyProjection.name],
      this.config.readYourWritesTimeoutMs,
    );
  }
}
