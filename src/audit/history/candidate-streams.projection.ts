import { ENROLLMENT_EVENT_TYPES } from '../../enrollment/enrollment.events';
import { parseEnrollmentId } from '../../enrollment/enrollment-ids';
import { siteStream } from '../../enrollment/seats/seat.events';
import type { ProjectionDefinition } from '../../infrastructure/projections/projection';

export const CANDIDATE_STREAMS_PROJECTION = 'audit-candidate-streams';
export const CANDIDATE_STREAMS_COLLECTION = 'auditCandidateStreams';

/** The streams of a candidate whose names cannot be derived from the account alone. */
export interface CandidateStreamsDocument extends Record<string, unknown> {
  candidateId: string;
  enrollmentStreams: string[];
  /** Shared seat streams: only the events of this candidate's enrollments are theirs. */
  siteStreams: string[];
}

/** Site codes an enrollment event names (chosen, submitted, changed from and to, ticket). */
function siteCodesOf(data: Record<string, unknown>): string[] {
  return ['siteCode', 'fromSiteCode']
    .map((key) => data[key])
    .filter((code): code is string => typeof code === 'string');
}

/**
 * The audit index (candidate → streams): enrollment streams and the seat streams of the sites they
 * chose. The account's own streams are derived from its registration, so only these are kept.
 */
export const candidateStreamsProjection: ProjectionDefinition = {
  name: CANDIDATE_STREAMS_PROJECTION,
  collections: [{ name: CANDIDATE_STREAMS_COLLECTION }],
  eventTypes: ENROLLMENT_EVENT_TYPES,
  async apply(event, store) {
    if (!event.streamId.startsWith('enrollment-')) return;
    const { sessionCode, candidateId } = parseEnrollmentId(event.streamId.slice('enrollment-'.length));
    const collection = store.collection<CandidateStreamsDocument>(CANDIDATE_STREAMS_COLLECTION);
    const stored = await collection.get(candidateId);
    if (stored && stored.position >= event.position) return;
    const doc = stored?.doc ?? { candidateId, enrollmentStreams: [], siteStreams: [] };
    const sites = siteCodesOf((event.data ?? {}) as Record<string, unknown>).map((code) =>
      siteStream(sessionCode, code),
    );
    const next: CandidateStreamsDocument = {
      candidateId,
      enrollmentStreams: union(doc.enrollmentStreams, [event.streamId]),
      siteStreams: union(doc.siteStreams, sites),
    };
    await collection.put(candidateId, next, event.position);
  },
};

function union(list: string[], more: string[]): string[] {
  const merged = new Set([...list, ...more]);
  return merged.size === list.length ? list : [...merged].sort();
}
