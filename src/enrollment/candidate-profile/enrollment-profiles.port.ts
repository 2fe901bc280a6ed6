import type {
  BasicInfoSnapshot,
  CertificateSnapshot,
  EducationSnapshot,
  EmploymentSnapshot,
  TrainingSnapshot,
} from '../enrollment.events';

/** The parts of a candidate's profile the enrollment steps show, confirm and copy. */
export interface EnrollmentProfile {
  candidateId: string;
  basicInfo: BasicInfoSnapshot;
  employment: EmploymentSnapshot | null;
  education: EducationSnapshot[];
  training: TrainingSnapshot[];
  certificates: CertificateSnapshot[];
  /** The current 证件照's content hash (null: none uploaded); a submission records it. */
  photoSha256: string | null;
  /** Suspended by staff (an identity case): its enrollments are neither approved nor ticketed meanwhile. */
  accountSuspended?: boolean;
}

export const ENROLLMENT_PROFILES = Symbol('EnrollmentProfiles');

/** Where the enrollment reads candidates' profiles from (the candidate view read model). */
export interface EnrollmentProfiles {
  get(candidateId: string): Promise<EnrollmentProfile | null>;
}
