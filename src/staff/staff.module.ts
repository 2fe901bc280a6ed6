import { EnrollmentModule } from '../enrollment/enrollment.module';
import { Module, type OnModuleInit } from '@nestjs/common';
import { identityCasesProjection } from '../../projections/identity-cases/identity-cases.projection';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import { ACCOUNT_DECISION_EVENT_TYPES } from './account-decisions/account-decision.events';
import { AccountDecisionsService } from './account-decisions/account-decisions.service';
import { IdentityCasesApiController } from './api/identity-cases.api.controller';
import { IDENTITY_CASE_EVENT_TYPES } from './identity-cases/identity-case.events';
import { CaseFollowUpRecovery } from './identity-cases/case-follow-up-recovery';
import { IdentityCaseQueries } from './identity-cases/identity-case.queries';
import { CaseCodesService } from './identity-cases/case-codes.service';
import { CaseLookupService } from './identity-cases/case-lookup.service';
import { IdentityCaseService } from './identity-cases/identity-case.service';
import { CandidateNoticesService } from './notices/candidate-notices.service';
import { NoticesRedirect } from './notices/notices-redirect';
import { RedeemResetCodeService } from './reset-codes/redeem-reset-code.service';
import { IdentityCasesPageController } from './web/identity-cases.page.controller';
import { NoticesPageController } from './web/notices.page.controller';
import { ResetCodePageController } from './web/reset-code.page.controller';

eventRegistry.registerTypes(...IDENTITY_CASE_EVENT_TYPES, ...ACCOUNT_DECISION_EVENT_TYPES);

/** Staff resolving contested identities (guide 注意 4), on-site reset codes, and the candidates' notices. */
@Module({
  imports: [AccountsModule, AuditModule, EnrollmentModule],
  controllers: [
    IdentityCasesApiController,
    IdentityCasesPageController,
    ResetCodePageController,
    NoticesPageController,
  ],
  providers: [
    IdentityCaseQueries,
    IdentityCaseService,
    CaseFollowUpRecovery,
    CaseCodesService,
    CaseLookupService,
    AccountDecisionsService,
    RedeemResetCodeService,
    CandidateNoticesService,
    NoticesRedirect,
  ],
})
export class StaffModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(identityCasesProjection);
  }
}
