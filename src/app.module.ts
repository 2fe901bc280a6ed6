import { Module } from '@nestjs/common';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { CatalogModule } from './catalog/catalog.module';
import { EnrollmentModule } from './enrollment/enrollment.module';
import { WebModule } from './web/web.module';
import { OpsModule } from './ops/ops.module';
import { AccountsModule } from './accounts/accounts.module';
import { StaffAccountsModule } from './staff-accounts/staff-accounts.module';
import { PrintingModule } from './printing/printing.module';
import { DirectoryModule } from './directory/directory.module';
import { ProfileModule } from './profile/profile.module';
import { AuditModule } from './audit/audit.module';
import { StaffModule } from './staff/staff.module';

@Module({
  imports: [
    InfrastructureModule,
    CatalogModule,
    EnrollmentModule,
    WebModule,
    OpsModule,
    AccountsModule,
    StaffAccountsModule,
    PrintingModule,
    DirectoryModule,
    ProfileModule,
    AuditModule,
    StaffModule,
  ],
})
export class AppModule {}
