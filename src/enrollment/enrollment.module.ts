import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { CandidateStreamProfiles } from './candidate-profile/candidate-stream-profiles';
import { ENROLLMENT_PROFILES } from './candidate-profile/enrollment-profiles.port';
import { EnrollmentDecisions } from './enrollment-decisions';
import { EnrollmentQueries } from './enrollment-queries';
import { ENROLLMENT_CONTROLLERS, ENROLLMENT_PROVIDERS } from './enrollment.providers';

/** 考试报名: enrollment and site streams, their read models, the candidate's and staff's routes. */
@Module({
  imports: [CatalogModule],
  controllers: ENROLLMENT_CONTROLLERS,
  providers: [...ENROLLMENT_PROVIDERS, { provide: ENROLLMENT_PROFILES, useClass: CandidateStreamProfiles }],
  exports: [EnrollmentQueries, EnrollmentDecisions],
})
export class EnrollmentModule {}
