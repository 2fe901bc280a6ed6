import type { DomainEvent } from '../shared/messages';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import type { CategoryLevel } from '../catalog/catalog.events';

/**
 * What the candidate confirmed at each step is copied into the enrollment (a snapshot), so the
 * registration form shows what was submitted even if the profile changes later.
 */
export interface BasicInfoSnapshot {
  fullName: string;
  gender: string;
  birthDate: string;
  idType: string;
  /** Masked: the full number stays in the candidate's own stream. */
  idNumberMasked: string;
  phoneMasked?: string;
  email?: string;
  address?: string;
  /** 邮政编码 (absent in copies made before it was copied). */
  postcode?: string;
}

export interface EmploymentSnapshot {
  status: string;
  employer?: string;
  employerId?: string;
  department?: string;
  position?: string;
  since?: string;
}

export interface EducationSnapshot {
  id: string;
  school: string;
  major: string;
  /** 学历 (大学本科, 硕士研究生…): the level the category's minimum is checked against. */
  degree: string;
  /** 学位 (学士, 硕士…, 无) and 学习形式: copied since a later version; older copies have neither. */
  academicDegree?: string;
  studyForm?: string;
  from: string;
  to: string;
}

export interface TrainingSnapshot {
  id: string;
  kind: string;
  institution: string;
  from: string;
  to: string;
}

export interface CertificateSnapshot {
  id: string;
  name: string;
  number?: string;
  issuedAt?: string;
}

export type EnrollmentStarted = DomainEvent<
  'EnrollmentStarted',
  {
    sessionCode: string;
    candidateId: string;
    /** 1 for the first enrollment, +1 for each one after a withdrawal (the same stream goes on). */
    attempt: number;
    pledgeVersion: string;
    categoryCode: string;
    categoryName: string;
    level: CategoryLevel;
  }
>;
export type BasicInfoConfirmed = DomainEvent<'BasicInfoConfirmed', { basicInfo: BasicInfoSnapshot }>;
export type EmploymentConfirmed = DomainEvent<'EmploymentConfirmed', { employment: EmploymentSnapshot }>;
export type QualificationsSelected = DomainEvent<
  'QualificationsSelected',
  { education: EducationSnapshot[]; training: TrainingSnapshot[] }
>;
export type CertificatesSelected = DomainEvent<'CertificatesSelected', { certificates: CertificateSnapshot[] }>;
/**
 * 保存 on step 4 or 5 with a selection 下一步 would refuse (none ticked, a requirement unmet): kept as
 * ticked and shown again, and the step stays to be done; the last complete selection is unchanged.
 */
export type QualificationsDraftSaved = DomainEvent<
  'QualificationsDraftSaved',
  { education: EducationSnapshot[]; training: TrainingSnapshot[] }
>;
export type CertificatesDraftSaved = DomainEvent<'CertificatesDraftSaved', { certificates: CertificateSnapshot[] }>;
export interface SiteChoice {
  areaCode: string;
  areaName: string;
  siteCode: string;
  siteName: string;
}
export type ExamSiteChosen = DomainEvent<'ExamSiteChosen', SiteChoice>;
export type EnrollmentSubmitted = DomainEvent<
  'EnrollmentSubmitted',
  SiteChoice & {
    attempt: number;
    /**
     * The profile's 证件照 (content hash) at submission: the photo staff review and the documents
     * print. null: submitted without one. Absent only in events written before it was recorded.
     */
    photoSha256?: string | null;
    /** The hold on the seat this submission relies on (see SeatHeld). Absent in older events. */
    seatHoldId?: string;
    /** A resubmission's earlier seat, given back once this one is written. */
    previousSeat?: HeldSeat;
  }
>;
/** A seat an enrollment relies on: its site and the hold on it. */
export interface HeldSeat {
  siteCode: string;
  seatHoldId: string;
}
/**
 * `note`: why staff made the change (absent when the candidate made it). `seatHoldId`: the hold on
 * the new seat; `fromSeatHoldId`: the one on the seat given back (both absent in older events).
 */
export type ExamSiteChanged = DomainEvent<
  'ExamSiteChanged',
  SiteChoice & { fromSiteCode: string; note?: string; seatHoldId?: string; fromSeatHoldId?: string }
>;
/** `seatHoldId`: the hold on the seat given back (absent in older events). */
export type EnrollmentWithdrawn = DomainEvent<
  'EnrollmentWithdrawn',
  { attempt: number; siteCode: string | null; note?: string; seatHoldId?: string }
>;
export type EnrollmentApproved = DomainEvent<'EnrollmentApproved', { staffId: string; reason: string }>;
export type EnrollmentRejected = DomainEvent<'EnrollmentRejected', { staffId: string; reason: string }>;
export type AdmissionTicketIssued = DomainEvent<
  'AdmissionTicketIssued',
  { ticketNumber: string; siteCode: string; room: number; seat: number; staffId: string }
>;

export type EnrollmentEvent =
  | EnrollmentStarted
  | BasicInfoConfirmed
  | EmploymentConfirmed
  | QualificationsSelected
  | CertificatesSelected
  | QualificationsDraftSaved
  | CertificatesDraftSaved
  | ExamSiteChosen
  | EnrollmentSubmitted
  | ExamSiteChanged
  | EnrollmentWithdrawn
  | EnrollmentApproved
  | EnrollmentRejected
  | AdmissionTicketIssued;

export const ENROLLMENT_EVENT_TYPES: ReadonlyArray<EnrollmentEvent['type']> = [
  'EnrollmentStarted',
  'BasicInfoConfirmed',
  'EmploymentConfirmed',
  'QualificationsSelected',
  'CertificatesSelected',
  'QualificationsDraftSaved',
  'CertificatesDraftSaved',
  'ExamSiteChosen',
  'EnrollmentSubmitted',
  'ExamSiteChanged',
  'EnrollmentWithdrawn',
  'EnrollmentApproved',
  'EnrollmentRejected',
  'AdmissionTicketIssued',
];
eventRegistry.registerTypes(...ENROLLMENT_EVENT_TYPES);

/** The enrollment id names its stream: one per candidate per session. */
export const enrollmentId = (sessionCode: string, candidateId: string): string => `${sessionCode}_${candidateId}`;
export const enrollmentStream = (sessionCode: string, candidateId: string): string =>
  `enrollment-${enrollmentId(sessionCode, candidateId)}`;
