import { memoryCollections } from '../testing/memory-collections';
import type { RecordedEvent } from '../../src/shared/messages';
import { candidateViewProjection } from './candidate-view.projection';
import { CANDIDATE_VIEW_COLLECTION, type CandidateView } from './candidate-view.types';

let position = 10n;
const recorded = (streamId: string, revision: bigint, type: string, data: object): RecordedEvent => ({
  id: `e${++position}`,
  streamId,
  type,
  data,
  metadata: { occurredAt: `2026-11-26T0${Number(revision)}:00:00.000Z` } as RecordedEvent['metadata'],
  revision,
  position,
  recordedAt: new Date().toISOString(),
});

describe('candidate-view projection', () => {
  const store = memoryCollections();
  const collection = store.collection<CandidateView>(CANDIDATE_VIEW_COLLECTION);
  const stream = 'candidate-c1';

  it('shows registration (masked), profile sections and the stream revision; replays are harmless', async () => {
    const events = [
      recorded(stream, 0n, 'CandidateRegistered', {
        candidateId: 'c1',
        username: 'zhangsan01',
        realName: '张三',
        gender: 'F',
        birthDate: '1990-01-01',
        idType: 'resident',
        idNumber: '11010119900101002X',
        nationality: '中国',
        mobile: '13800138000',
        email: 'a@example.cn',
        registeredAt: '2026-11-26T00:00:00.000Z',
      }),
      recorded(stream, 1n, 'PasswordChanged', { passwordHash: 'x', changedAt: '2026-11-26' }),
      recorded(stream, 2n, 'EducationAdded', { id: 'e1', major: '临床医学' }),
      recorded(stream, 3n, 'EducationAdded', { id: 'e2', major: '护理学' }),
      recorded(stream, 4n, 'EducationRemoved', { id: 'e1' }),
      recorded('staff-s1', 0n, 'PasswordChanged', { passwordHash: 'y', changedAt: '2026-11-26' }),
    ];
    for (const event of [...events, events[3]]) await candidateViewProjection.apply(event, store);
    const view = (await collection.get('c1'))!.doc;
    expect(view).toMatchObject({
      realName: '张三',
      idNumberMasked: '110101********002X',
      mobileMasked: '138****8000',
      education: [{ id: 'e2', major: '护理学' }],
      revision: '4',
    });
    expect(JSON.stringify(view)).not.toContain('passwordHash');
    expect(await collection.count()).toBe(1);
  });

  it('follows the stream’s revision through staff’s account decisions too: it is the ETag a save is pinned to', async () => {
    expect(candidateViewProjection.eventTypes).toEqual(expect.arrayContaining(['CandidateNoticesShown']));
    const before = (await collection.get('c1'))!.doc;
    await candidateViewProjection.apply(
      recorded(stream, 5n, 'CandidateNoticeIssued', {
        noticeId: 'n1',
        decisionId: 'd1',
        message: '提示',
        issuedAt: '',
      }),
      store,
    );
    await candidateViewProjection.apply(
      recorded(stream, 6n, 'CandidateNoticesShown', { noticeIds: ['n1'], shownAt: '' }),
      store,
    );
    const after = (await collection.get('c1'))!.doc;
    expect(after).toEqual({ ...before, revision: '6', updatedAt: '2026-11-26T06:00:00.000Z' });
  });
});
