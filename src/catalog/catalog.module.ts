import { Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { examCatalogProjection } from '../../projections/exam-catalog/exam-catalog.projection';
import { AdminCatalogApiController } from './admin-catalog/admin-catalog.api.controller';
import { AdminCatalogPageController } from './admin-catalog/admin-catalog.page.controller';
import { CatalogApiController } from './browse-catalog/catalog.api.controller';
import { ExamsPageController } from './browse-catalog/exams.page.controller';
import { CatalogCommands } from './catalog-commands.service';
import { CatalogQueries } from './catalog-queries';
import { CatalogReader } from './catalog-reader';
import { CatalogReadYourWrites } from './catalog-read-your-writes';
import { CatalogSeeder } from './seed-catalog/catalog-seeder.service';

/** The exam catalog: `exam-<sessionCode>` streams, the default seed, the read model and its pages. */
@Module({
  controllers: [CatalogApiController, ExamsPageController, AdminCatalogApiController, AdminCatalogPageController],
  providers: [CatalogSeeder, CatalogReader, CatalogQueries, CatalogCommands, CatalogReadYourWrites],
  exports: [CatalogReader, CatalogQueries, CatalogSeeder],
})
export class CatalogModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(examCatalogProjection);
  }
}
