import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { examCatalogProjection } from '../../projections/exam-catalog/exam-catalog.projection';

/** A catalog change answers once the exam-catalog read model shows it (read-your-writes, bounded). */
@Injectable()
export class CatalogReadYourWrites {
  constructor(
    private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async waitFor(position: bigint | null): Promise<void> {
    if (position === null) return;
    await this.runner.waitFor(position, [examCatalogProjection.name], this.config.readYourWritesTimeoutMs);
  }
}
