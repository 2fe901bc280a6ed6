import type { DomainEvent } from '../shared/messages';
import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';

/** 执业医师 or 执业助理医师: the two levels of the 医师资格考试. */
export type CategoryLevel = '执业医师' | '执业助理医师';

/** Minimum education a category accepts, from the lowest to the highest. */
export const EDUCATION_LEVELS = ['中专', '大专', '本科', '硕士研究生', '博士研究生'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface CategoryRequirements {
  minimumEducation: EducationLevel;
  /** Step 4 demands at least one training entry (e.g. 试用期, 规范化培训). */
  trainingRequired: boolean;
  /** Step 5 demands at least one certificate (e.g. 执业助理医师资格证书 for the upgrade exam). */
  certificatesRequired: boolean;
}

/** The dates of a session; ISO 8601 instants with their offset (+08:00). */
export interface SessionWindows {
  registrationOpensAt: string;
  registrationClosesAt: string;
  /** 放弃报考 and 修改考点 are open to candidates until this instant. */
  withdrawalDeadline: string;
  ticketPrintingOpensAt: string;
  ticketPrintingClosesAt: string;
  /** Exam days, YYYY-MM-DD. */
  examDates: string[];
}

export type ExamSessionScheduled = DomainEvent<
  'ExamSessionScheduled',
  { sessionCode: string; name: string; year: number } & SessionWindows
>;
export type SessionWindowsChanged = DomainEvent<'SessionWindowsChanged', { sessionCode: string } & SessionWindows>;
export type CategoryOffered = DomainEvent<
  'CategoryOffered',
  { sessionCode: string; code: string; name: string; level: CategoryLevel; requirements: CategoryRequirements }
>;
export type CategoryChanged = DomainEvent<
  'CategoryChanged',
  { sessionCode: string; code: string; name: string; level: CategoryLevel; requirements: CategoryRequirements }
>;
export type CategoryWithdrawn = DomainEvent<'CategoryWithdrawn', { sessionCode: string; code: string }>;
export type ExamAreaOpened = DomainEvent<'ExamAreaOpened', { sessionCode: string; code: string; name: string }>;
export type ExamSiteOpened = DomainEvent<
  'ExamSiteOpened',
  {
    sessionCode: string;
    code: string;
    areaCode: string;
    city: string;
    name: string;
    address: string;
    capacity: number;
  }
>;
export type SiteCapacityChanged = DomainEvent<
  'SiteCapacityChanged',
  { sessionCode: string; siteCode: string; capacity: number }
>;
export type ExamSiteClosed = DomainEvent<'ExamSiteClosed', { sessionCode: string; siteCode: string }>;
/** Registration at a stopped site opened again (a stop is routine, and so is undoing one). */
export type ExamSiteReopened = DomainEvent<'ExamSiteReopened', { sessionCode: string; siteCode: string }>;

export type CatalogEvent =
  | ExamSessionScheduled
  | SessionWindowsChanged
  | CategoryOffered
  | CategoryChanged
  | CategoryWithdrawn
  | ExamAreaOpened
  | ExamSiteOpened
  | SiteCapacityChanged
  | ExamSiteClosed
  | ExamSiteReopened;

export const CATALOG_EVENT_TYPES: ReadonlyArray<CatalogEvent['type']> = [
  'ExamSessionScheduled',
  'SessionWindowsChanged',
  'CategoryOffered',
  'CategoryChanged',
  'CategoryWithdrawn',
  'ExamAreaOpened',
  'ExamSiteOpened',
  'SiteCapacityChanged',
  'ExamSiteClosed',
  'ExamSiteReopened',
];

eventRegistry.registerTypes(...CATALOG_EVENT_TYPES);

/** The catalog of one session lives in one stream. */
export const examStream = (sessionCode: string): string => `exam-${sessionCode}`;
