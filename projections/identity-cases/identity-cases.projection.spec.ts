import type { RecordedEvent } from '../../src/shared/messages';
import { memoryCollections } from '../testing/memory-collections';
import {
  IDENTITY_CASES_COLLECTION,
  identityCasesProjection,
  type IdentityCaseDocument,
} from './identity-cases.projection';

const identity = 'identity-resident-abc';
let position = 0n;
const revisions = new Map<string, bigint>();
function recorded(streamId: string, type: string, data: Record<string, unknown>): RecordedEvent {
  const revision = (revisions.get(streamId) ?? -1n) + 1n;
  revisions.set(streamId, revision);
  position += 1n;
  return {
    id: `e${position}`,
    streamId,
    type,
    data,
    revision,
    position,
    recordedAt: '2027-03-01T00:00:00Z',
    metadata: {
      messageId: 'm',
      correlationId: 'c',
      causationId: 'c',
      actor: { id: 'a', role: 'system' },
      occurredAt: '',
      schemaVersion: 1,
    },
  };
}
const staff = { id: 's1', username: 'kaowu_bj' };

describe('identity-cases projection', () => {
  it('opens a case on a duplicate attempt, with the holder and the area of the holder’s ID, and resolves it', async () => {
    const store = memoryCollections();
    const events = [
      recorded(identity, 'IdentityClaimed', { candidateId: 'c1', username: 'fake01', realName: '甲', claimedAt: 'x' }),
      recorded('candidate-c1', 'CandidateRegistered', {
        identityStream: identity,
        idType: 'resident',
        idNumber: '110101199001010011',
      }),
      recorded(identity, 'DuplicateRegistrationAttempted', {
        attemptedAt: '2027-02-01T00:00:00Z',
        holderCandidateId: 'c1',
      }),
      recorded(identity, 'DuplicateRegistrationAttempted', {
        attemptedAt: '2027-02-03T00:00:00Z',
        holderCandidateId: 'c1',
        realNameTyped: '乙',
      }),
    ];
    for (const event of events) await identityCasesProjection.apply(event, store);
    // Redelivered events change nothing.
    for (const event of events) await identityCasesProjection.apply(event, store);
    const doc = () => store.docs(IDENTITY_CASES_COLLECTION).get(identity)!.doc as IdentityCaseDocument;
    expect(doc()).toMatchObject({
      status: 'open',
      areaCode: '11',
      holderCandidateId: 'c1',
      attempts: 2,
      openAttempts: 2,
      lastAttemptAt: '2027-02-03T00:00:00Z',
      revision: '2',
      // What staff compare with the person at the desk: the number masked, the names on both sides.
      idNumberMasked: '110101********0011',
      holderRealName: '甲',
      lastAttemptRealName: '乙',
    });
    expect(JSON.stringify(doc())).not.toContain('110101199001010011');

    await identityCasesProjection.apply(
      recorded(identity, 'IdentityReassigned', {
        decisionId: 'd1',
        fromCandidateId: 'c1',
        fromUsername: 'fake01',
        mode: 'registerAnew',
        reason: '现场核验',
        staff,
        decidedAt: '2027-03-02T00:00:00Z',
      }),
      store,
    );
    expect(doc()).toMatchObject({
      status: 'resolved',
      openAttempts: 0,
      attempts: 2,
      holderCandidateId: null,
      holderRealName: null,
      revision: '3',
      lastDecision: { type: 'IdentityReassigned', staffUsername: 'kaowu_bj', reason: '现场核验' },
    });
  });

  it('keeps no area for documents other than the 居民身份证', async () => {
    const store = memoryCollections();
    const passport = 'identity-passport-xyz';
    await identityCasesProjection.apply(
      recorded('candidate-c9', 'CandidateRegistered', {
        identityStream: passport,
        idType: 'passport',
        idNumber: 'E12345678',
      }),
      store,
    );
    expect(store.docs(IDENTITY_CASES_COLLECTION).get(passport)!.doc).toMatchObject({ areaCode: null, status: 'quiet' });
  });
});
