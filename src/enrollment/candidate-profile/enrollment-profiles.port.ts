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
}

export const ENROLLMENT_PROFILES = Symbol('EnrollmentProfiles');

/** Where the enrollment reads candidates' profiles from (the candidate view read model). */
export interface EnrollmentProfiles {
  get(candidateId: string): Promise<EnrollmentProfile | null>;
}
