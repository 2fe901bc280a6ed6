import type { RecordedEvent } from '../../shared/messages';
import { decisionsToComplete } from './case-follow-up-recovery';

const staff = { id: 'staff-1', username: 'kaowu_bj' };
let revision = 0;
const recorded = (type: string, data: object): RecordedEvent =>
  ({ id: `e-${revision}`, type, data, revision: BigInt(revision++), metadata: {} }) as unknown as RecordedEvent;

const claimed = (candidateId: string) =>
  recorded('IdentityClaimed', {
    candidateId,
    username: candidateId,
    realName: '某',
    claimedAt: '2027-03-01T00:00:00Z',
  });
const attempt = () => recorded('DuplicateRegistrationAttempted', { attemptedAt: '2027-03-01T01:00:00Z' });
const decided = (decisionId: string, decidedAt = '2027-03-02T09:00:00.000Z') => ({
  decisionId,
  reason: '现场核验',
  staff,
  decidedAt,
});
const reassigned = (decisionId: string, mode: 'handOver' | 'registerAnew', decidedAt?: string) =>
  recorded('IdentityReassigned', {
    ...decided(decisionId, decidedAt),
    fromCandidateId: 'c-impostor',
    fromUsername: 'c-impostor',
    mode,
  });
const suspendedHolder = (decisionId: string) =>
  recorded('IdentityHolderSuspended', { ...decided(decisionId), candidateId: 'c-impostor', username: 'c-impostor' });
const dismissed = (decisionId: string) =>
  recorded('IdentityCaseDismissed', { ...decided(decisionId), holderCandidateId: 'c-impostor', attemptsReviewed: 1 });

const since = '2027-03-01T12:00:00.000Z';
const ids = (events: RecordedEvent[]) => decisionsToComplete(events, since).map((decision) => decision.data.decisionId);

describe('the case decisions whose follow-ups the recovery runs again', () => {
  it('runs the latest decision only when it overrode the earlier ones (a 暂停 then a dismissal)', () => {
    expect(ids([claimed('c-impostor'), attempt(), suspendedHolder('d-1'), attempt(), dismissed('d-2')])).toEqual([
      'd-2',
    ]);
  });

  it('runs a hand-over that still stands beside the dismissal of a later attempt, in stream order', () => {
    expect(ids([claimed('c-impostor'), attempt(), reassigned('d-1', 'handOver'), attempt(), dismissed('d-2')])).toEqual(
      ['d-1', 'd-2'],
    );
  });

  it('runs a freeing of the identity of the last day beside a later decision on the new holder', () => {
    const events = [
      claimed('c-impostor'),
      attempt(),
      reassigned('d-1', 'registerAnew'),
      claimed('c-rightful'),
      attempt(),
      suspendedHolder('d-2'),
    ];
    expect(ids(events)).toEqual(['d-1', 'd-2']);
    const older = [
      claimed('c-impostor'),
      attempt(),
      reassigned('d-1', 'registerAnew', '2027-02-20T09:00:00.000Z'),
      claimed('c-rightful'),
      attempt(),
      suspendedHolder('d-2'),
    ];
    expect(ids(older)).toEqual(['d-2']);
  });

  it('runs nothing for an identity without decisions', () => {
    expect(ids([claimed('c-impostor'), attempt()])).toEqual([]);
  });
});
