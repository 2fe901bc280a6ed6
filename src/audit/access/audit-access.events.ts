import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import type { DomainEvent } from '../../shared/messages';

/** What an auditor looked at: the history (a page or a kind), a past state, an export, a verification. */
export const AUDIT_VIEWS = ['history', 'asOf', 'export', 'verify'] as const;
export type AuditView = (typeof AUDIT_VIEWS)[number];

/**
 * `auditAccess-<candidateId>`: every look-up of a candidate's records by an auditor (who, from where
 * and when in the metadata), so that the looking is itself on the record and in the history.
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
export type AuditAccessEvent = CandidateRecordViewed;

export const AUDIT_ACCESS_EVENT_TYPES: ReadonlyArray<AuditAccessEvent['type']> = ['CandidateRecordViewed'];
eventRegistry.registerTypes(...AUDIT_ACCESS_EVENT_TYPES);

export const auditAccessStream = (candidateId: string): string => `auditAccess-${candidateId}`;
