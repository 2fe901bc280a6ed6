import { Module, type OnModuleInit } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CatalogModule } from '../catalog/catalog.module';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { AdminStaffPageController } from './admin-staff.page.controller';
import { InitialAdmin } from './initial-admin';
import { StaffAccountService } from './staff-account.service';
import { StaffAccountsApiController } from './staff-accounts.api.controller';
import { STAFF_ACCOUNT_EVENT_TYPES } from './staff-accounts.events';
import { staffAccountsProjection } from './staff-accounts.projection';
import { StaffAccountsQuery } from './staff-accounts.query';
import { StaffLoginPageController } from './staff-login.page.controller';
import { StaffSecurityPageController } from './staff-security.page.controller';

eventRegistry.registerTypes(...STAFF_ACCOUNT_EVENT_TYPES);

/** Staff, auditor and admin accounts: the first admin from configuration, the rest created by admins. */
@Module({
  imports: [AccountsModule, CatalogModule],
  controllers: [
    StaffLoginPageController,
    StaffSecurityPageController,
    AdminStaffPageController,
    StaffAccountsApiController,
  ],
  providers: [StaffAccountService, StaffAccountsQuery, InitialAdmin],
  exports: [StaffAccountService],
})
export class StaffAccountsModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(staffAccountsProjection);
  }
}
