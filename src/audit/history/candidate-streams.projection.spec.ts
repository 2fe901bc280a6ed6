import type { RecordedEvent } from '../../shared/messages';
import { memoryCollections } from '../../../projections/testing/memory-collections';
import { CANDIDATE_STREAMS_COLLECTION, candidateStreamsProjection } from './candidate-streams.projection';

let position = 0n;
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  position += 1n;
  return {
    id: `e${position}`,
    streamId,
    type,
    data,
    revision: 0n,
    position,
    recordedAt: '2027-03-01T00:00:00Z',
    metadata: {
      messageId: 'm',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'candidate' },
      occurredAt: '',
      schemaVersion: 1,
    },
  };
}

describe('audit index: candidate → enrollment and seat streams', () => {
  it('collects the enrollment stream and every site the enrollment named, once each', async () => {
    const store = memoryCollections();
    const stream = 'enrollment-2027_c1';
    const events = [
      recorded(stream, 'EnrollmentStarted', { sessionCode: '2027' }),
      recorded(stream, 'ExamSiteChosen', { siteCode: '1101' }),
      recorded(stream, 'ExamSiteChanged', { siteCode: '1102', fromSiteCode: '1101' }),
      recorded('site-2027_1101', 'SeatHeld', { enrollmentId: '2027_c1' }),
    ];
    for (const event of [...events, ...events]) await candidateStreamsProjection.apply(event, store);
    expect(store.docs(CANDIDATE_STREAMS_COLLECTION).get('c1')?.doc).toEqual({
      candidateId: 'c1',
      enrollmentStreams: [stream],
      siteStreams: ['site-2027_1101', 'site-2027_1102'],
    });
  });
});
