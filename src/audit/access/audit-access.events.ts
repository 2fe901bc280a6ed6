import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import type { DomainEvent } from '../../shared/messages';

/** What an auditor looked at: the history (a page or a kind), a past state, an export, a verification. */
export const AUDIT_VIEWS = ['history', 'asOf', 'export', 'verify'] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];

/**
 * `auditAccess-<candidateId>`: every look-up of a candidate's records by an auditor (who, from where
 * and when in the metadata), so that the looking is itself on the record and in the history; staff
 * look-ups of one enrollment are written there too (StaffViewedCandidateRecord).
 */
export type CandidateRecordViewed = DomainEvent<
  'CandidateRecordViewed',
  {
    candidateId: string;
    view: AuditView;
    /** The look-up's own terms: kinds, page, as-of instant (ISO 8601), format. Never an ID number. */
    terms: Record<string, string | number | string[]>;
  }
>;

/**
 * What staff looked at with the holder's full 证件号码 in it: 资格审核 of one enrollment (its page
 * or `GET /api/staff/enrollments/<session>/<candidate>`), the 报名表 or 准考证 PDF, or the print
 * preview (the 报名表 with the 准考证 when it may be printed).
 */
export const STAFF_VIEWS = ['review', 'form', 'ticket', 'preview'] as const;
export type StaffView = (typeof STAFF_VIEWS)[number];

/**
 * A staff member's or admin's look-up of one candidate's enrollment, on the same stream as the
 * auditors' (who, from where and when in the metadata): "who saw my ID number" has an answer.
 */
export type StaffViewedCandidateRecord = DomainEvent<
  'StaffViewedCandidateRecord',
  { candidateId: string; sessionCode: string; view: StaffView }
>;

export type AuditAccessEvent = CandidateRecordViewed | StaffViewedCandidateRecord;

export const AUDIT_ACCESS_EVENT_TYPES: ReadonlyArray<AuditAccessEvent['type']> = [
  'CandidateRecordViewed',
  'StaffViewedCandidateRecord',
];
eventRegistry.registerTypes(...AUDIT_ACCESS_EVENT_TYPES);

export const auditAccessStream = (candidateId: string): string => `auditAccess-${candidateId}`;
