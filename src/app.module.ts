import { Module } from '@nestjs/common';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { CatalogModule } from './catalog/catalog.module';

@Module({
  imports: [InfrastructureModule, CatalogModule],
})
export class AppModule {}
