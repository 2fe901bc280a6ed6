import { Inject, Injectable } from '@nestjs/common';
import { PhotoStore } from '../../profile/photo/photo-store';
import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import type { EnrollmentState } from '../enrollment.state';
import { staffPhotoView, type StaffPhotoView } from '../pages/staff-review-views';

/** The 证件照 staff review beside an enrollment (which one and how it is captioned), and its bytes. */
@Injectable()
export class StaffPhotos {
  constructor(
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
    private readonly photos: PhotoStore,
  ) {}

  async shownWith(candidateId: string, state: EnrollmentState): Promise<StaffPhotoView> {
    const current = (await this.profiles.get(candidateId))?.photoSha256 ?? null;
    return staffPhotoView(state.submittedPhotoSha256, current, state.status === 'rejected');
  }

  read(sha256: string): Buffer | null {
    return this.photos.read(sha256);
  }
}
