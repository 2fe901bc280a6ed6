import { Module, type OnModuleInit } from '@nestjs/common';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import '../infrastructure/event-store/tamper/log-digest';
import { AuditAccessLog } from './access/audit-access-log';
import { AuditApiController } from './api/audit.api.controller';
import { AsOfService } from './as-of/as-of.service';
import { DigestScheduler } from './digest/digest-scheduler';
import { CandidateHistoryService } from './history/candidate-history.service';
import { CandidateLocator } from './history/candidate-locator';
import { candidateStreamsProjection } from './history/candidate-streams.projection';
import { AuditVerifyService } from './verify/audit-verify.service';
import { HeadAnchorScheduler } from './verify/head-anchor.scheduler';
import { AuditPageController } from './web/audit.page.controller';

/** Auditors: complete candidate histories, point-in-time state, exports, and tamper evidence. */
@Module({
  controllers: [AuditApiController, AuditPageController],
  providers: [
    AuditAccessLog,
    CandidateLocator,
    CandidateHistoryService,
    AsOfService,
    AuditVerifyService,
    DigestScheduler,
    HeadAnchorScheduler,
  ],
  exports: [
    AuditAccessLog,
    CandidateLocator,
    CandidateHistoryService,
    AsOfService,
    AuditVerifyService,
    DigestScheduler,
  ],
})
export class AuditModule implements OnModuleInit {
  constructor(private readonly runner: ProjectionRunner) {}

  onModuleInit(): void {
    this.runner.register(candidateStreamsProjection);
  }
}
