import { Module } from '@nestjs/common';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { CatalogModule } from './catalog/catalog.module';
import { WebModule } from './web/web.module';
import { OpsModule } from './ops/ops.module';
import { AccountsModule } from './accounts/accounts.module';
import { StaffAccountsModule } from './staff-accounts/staff-accounts.module';
import { PrintingModule } from './printing/printing.module';
import { DirectoryModule } from './directory/directory.module';

@Module({
  imports: [InfrastructureModule, CatalogModule, WebModule, OpsModule, AccountsModule, StaffAccountsModule, PrintingModule, DirectoryModule],
})
export class AppModule {}
