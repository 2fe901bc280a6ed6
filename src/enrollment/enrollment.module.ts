import { ReleasedIdentityEnrollments } from './released-identity/released-identity-enrollments';
import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { ProfileModule } from '../profile/profile.module';
import { CatalogModule } from '../catalog/catalog.module';
import { DirectoryModule } from '../directory/directory.module';
import { ProfileSaveBack } from './candidate-profile/profile-save-back';
import { CandidateStreamProfiles } from './candidate-profile/candidate-stream-profiles';
import { ENROLLMENT_PROFILES } from './candidate-profile/enrollment-profiles.port';
import { EnrollmentDecisions } from './enrollment-decisions';
import { EnrollmentQueries } from './enrollment-queries';
import { ENROLLMENT_CONTROLLERS, ENROLLMENT_PROVIDERS } from './enrollment.providers';
import { StaffPhotos } from './staff-photo/staff-photos.service';
import { FullIdNumbers } from './staff-review/full-id-numbers';
import { AnswerProfilePage } from './submitted-copies/answer-profile-page';

/** 考试报名: enrollment and site streams, their read models, the candidate's and staff's routes. */
@Module({
  imports: [AccountsModule, AuditModule, CatalogModule, DirectoryModule, ProfileModule],
  controllers: ENROLLMENT_CONTROLLERS,
  providers: [
    ...ENROLLMENT_PROVIDERS,
    { provide: ENROLLMENT_PROFILES, useClass: CandidateStreamProfiles },
    // Beside the profile source: they need the profile and accounts slices' services (their modules' exports).
    ProfileSaveBack,
    StaffPhotos,
    FullIdNumbers,
    AnswerProfilePage,
  ],
  exports: [EnrollmentQueries, EnrollmentDecisions, ReleasedIdentityEnrollments],
})
export class EnrollmentModule {}
