import { ACCOUNT_EVENT_TYPES } from '../accounts/accounts.events';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import type { DomainEvent } from '../shared/messages';
import type { Certificate, Contact, Education, Employment, Training } from './profile.types';

/**
 * Events of the 个人信息 on the `candidate-<candidateId>` stream (after the accounts slice's
 * CandidateRegistered). Each says what changed; a submit that changes nothing writes nothing.
 */
export type ContactDetailsChanged = DomainEvent<'ContactDetailsChanged', Contact>;
export type EmploymentChanged = DomainEvent<'EmploymentChanged', Employment>;
export type EducationAdded = DomainEvent<'EducationAdded', Education>;
export type EducationChanged = DomainEvent<'EducationChanged', Education>;
export type EducationRemoved = DomainEvent<'EducationRemoved', { id: string }>;
export type TrainingAdded = DomainEvent<'TrainingAdded', Training>;
export type TrainingChanged = DomainEvent<'TrainingChanged', Training>;
export type TrainingRemoved = DomainEvent<'TrainingRemoved', { id: string }>;
export type CertificateAdded = DomainEvent<'CertificateAdded', Certificate>;
export type CertificateChanged = DomainEvent<'CertificateChanged', Certificate>;
export type CertificateRemoved = DomainEvent<'CertificateRemoved', { id: string }>;
/** 证件照: the bytes live in DATA_DIR/photos/<sha256>.jpg; the event carries the hash. */
export type PhotoUploaded = DomainEvent<
  'PhotoUploaded',
  { sha256: string; bytes: number; width: number; height: number }
>;

export type ProfileEvent =
  | ContactDetailsChanged
  | EmploymentChanged
  | EducationAdded
  | EducationChanged
  | EducationRemoved
  | TrainingAdded
  | TrainingChanged
  | TrainingRemoved
  | CertificateAdded
  | CertificateChanged
  | CertificateRemoved
  | PhotoUploaded;

export const PROFILE_EVENT_TYPES = [
  'ContactDetailsChanged',
  'EmploymentChanged',
  'EducationAdded',
  'EducationChanged',
  'EducationRemoved',
  'TrainingAdded',
  'TrainingChanged',
  'TrainingRemoved',
  'CertificateAdded',
  'CertificateChanged',
  'CertificateRemoved',
  'PhotoUploaded',
] as const satisfies ReadonlyArray<ProfileEvent['type']>;

/** Every event type of the candidate stream: the profile folds them all to know the stream's revision. */
export const CANDIDATE_STREAM_EVENT_TYPES: readonly string[] = [...ACCOUNT_EVENT_TYPES, ...PROFILE_EVENT_TYPES];

eventRegistry.registerTypes(...PROFILE_EVENT_TYPES);
