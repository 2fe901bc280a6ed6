import { specFor } from '../../accounts/decider-spec';
import { fold } from '../../shared/decider';
import { identityCaseDecider, type IdentityCaseCommand, type IdentityCaseEvent } from './identity-case.decider';

const given = specFor(identityCaseDecider);
const now = new Date('2027-03-02T09:00:00Z');
const staff = { id: 'staff-1', username: 'kaowu_bj' };
const claimed: IdentityCaseEvent = {
  type: 'IdentityClaimed',
  data: { candidateId: 'c-impostor', username: 'fake01', realName: '冒名', claimedAt: '2027-01-01T00:00:00Z' },
};
const attempt = (n: number): IdentityCaseEvent => ({
  type: 'DuplicateRegistrationAttempted',
  data: {
    attemptedAt: `2027-02-0${n}T00:00:00Z`,
    ip: '10.0.0.1',
    realNameTyped: '真名',
    usernameTyped: `real0${n}`,
    holderCandidateId: 'c-impostor',
    holderUsername: 'fake01',
  },
});
const base = { decisionId: 'd-1', reason: '现场核验身份证原件', staff, now };
const reassign = (mode: 'registerAnew' | 'handOver'): IdentityCaseCommand => ({
  ...base,
  type: 'ReassignIdentity',
  mode,
});
const decided = { decisionId: 'd-1', reason: '现场核验身份证原件', staff, decidedAt: now.toISOString() };

describe('identity case decider', () => {
  it('keeps a hand-over standing when a later attempt is dismissed (its code can still be issued again)', () => {
    const handedOver: IdentityCaseEvent = {
      type: 'IdentityReassigned',
      data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'handOver' },
    };
    const dismissed: IdentityCaseEvent = {
      type: 'IdentityCaseDismissed',
      data: { ...decided, decisionId: 'd-2', holderCandidateId: 'c-impostor', attemptsReviewed: 1 },
    };
    const state = fold(identityCaseDecider, [claimed, attempt(1), handedOver, attempt(2), dismissed]);
    expect(state).toMatchObject({ handedOver: true, openAttempts: 0 });
  });

  it('reassigns a contested identity away from its holder, naming the staff member and the reason', () => {
    given([claimed, attempt(1)])
      .when(reassign('registerAnew'))
      .then([
        {
          type: 'IdentityReassigned',
          data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'registerAnew' },
        },
      ]);
  });

  it('suspends the holder and leaves the case open; refused while the account is suspended, not after it was lifted', () => {
    const suspended: IdentityCaseEvent = {
      type: 'IdentityHolderSuspended',
      data: { ...decided, candidateId: 'c-impostor', username: 'fake01' },
    };
    given([claimed, attempt(1)])
      .when({ ...base, type: 'SuspendHolder', holderSuspended: false })
      .then([suspended]);
    given([claimed, attempt(1), suspended])
      .when({ ...base, type: 'SuspendHolder', holderSuspended: true })
      .thenThrows('ALREADY_SUSPENDED');
    // The account's own stream says whether it is suspended: a redeemed hand-over code lifted it.
    given([claimed, attempt(1), suspended])
      .when({ ...base, type: 'SuspendHolder', holderSuspended: false })
      .then([suspended]);
    expect(
      given([claimed, attempt(1), suspended])
        .when(reassign('handOver'))
        .result()[0].type,
    ).toBe('IdentityReassigned');
  });

  it('dismisses a case, counting the attempts reviewed', () => {
    given([claimed, attempt(1), attempt(2)])
      .when({ ...base, type: 'DismissCase' })
      .then([
        { type: 'IdentityCaseDismissed', data: { ...decided, holderCandidateId: 'c-impostor', attemptsReviewed: 2 } },
      ]);
  });

  it('refuses a decision without a reason', () => {
    given([claimed, attempt(1)])
      .when({ ...base, reason: '  ', type: 'DismissCase' })
      .thenThrows('REASON_REQUIRED');
  });

  it('refuses to act on an identity without unresolved attempts or without a holder', () => {
    given([claimed]).when(reassign('handOver')).thenThrows('NO_OPEN_CASE');
    given([])
      .when({ ...base, type: 'DismissCase' })
      .thenThrows('NO_HOLDER');
    const dismissed: IdentityCaseEvent = {
      type: 'IdentityCaseDismissed',
      data: { ...decided, holderCandidateId: 'c-impostor', attemptsReviewed: 1 },
    };
    given([claimed, attempt(1), dismissed])
      .when(reassign('registerAnew'))
      .thenThrows('NO_OPEN_CASE');
    // A new attempt after a dismissal reopens the case.
    expect(
      given([claimed, attempt(1), dismissed, attempt(2)])
        .when({ ...base, type: 'DismissCase' })
        .result(),
    ).toHaveLength(1);
  });

  it('frees the identity after a registerAnew reassignment, so the rightful claim starts a new holder', () => {
    const reassigned: IdentityCaseEvent = {
      type: 'IdentityReassigned',
      data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'registerAnew' },
    };
    given([claimed, attempt(1), reassigned])
      .when({ ...base, type: 'DismissCase' })
      .thenThrows('NO_HOLDER');
  });

  it('issues the 注册码 of a freed identity again, until a registration is completed, and only after registerAnew', () => {
    const reservation = { codeHash: 'h-lost', expiresAt: '2027-03-05T09:00:00.000Z' };
    const freed: IdentityCaseEvent = {
      type: 'IdentityReassigned',
      data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'registerAnew', reservation },
    };
    const newCode = { codeHash: 'h-new', expiresAt: '2027-03-05T10:00:00.000Z' };
    const reissue: IdentityCaseCommand = {
      ...base,
      decisionId: 'd-2',
      reason: ' 首次发放的注册码未交到本人 ',
      type: 'ReissueRegistrationCode',
      reservation: newCode,
    };
    const reissued: IdentityCaseEvent = {
      type: 'RegistrationCodeReissued',
      data: { ...decided, decisionId: 'd-2', reason: '首次发放的注册码未交到本人', reservation: newCode },
    };
    given([claimed, attempt(1), freed])
      .when(reissue)
      .then([reissued]);
    // Again after a re-issue, and while someone's registration is under way (not yet completed).
    const rightful: IdentityCaseEvent = {
      type: 'IdentityClaimed',
      data: { candidateId: 'c-rightful', username: 'real01', realName: '真名', claimedAt: now.toISOString() },
    };
    expect(
      given([claimed, attempt(1), freed, reissued, rightful])
        .when(reissue)
        .result(),
    ).toHaveLength(1);
    const completed: IdentityCaseEvent = { type: 'IdentityClaimConfirmed', data: { candidateId: 'c-rightful' } };
    given([claimed, attempt(1), freed, rightful, completed])
      .when(reissue)
      .thenThrows('RESERVATION_CLAIMED');
    given([claimed, attempt(1), freed, reissued, rightful, completed])
      .when(reissue)
      .thenThrows('RESERVATION_CLAIMED');
    // Not decided that way: no decision, a hand-over, a freeing made before 注册码 existed.
    given([claimed, attempt(1)])
      .when(reissue)
      .thenThrows('NOT_REGISTERED_ANEW');
    const handedOver: IdentityCaseEvent = {
      type: 'IdentityReassigned',
      data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'handOver' },
    };
    given([claimed, attempt(1), handedOver])
      .when(reissue)
      .thenThrows('NOT_REGISTERED_ANEW');
    const freedForAnyone: IdentityCaseEvent = {
      type: 'IdentityReassigned',
      data: { ...decided, fromCandidateId: 'c-impostor', fromUsername: 'fake01', mode: 'registerAnew' },
    };
    given([claimed, attempt(1), freedForAnyone])
      .when(reissue)
      .thenThrows('NOT_REGISTERED_ANEW');
    given([claimed, attempt(1), freed])
      .when({ ...reissue, reason: '丢' })
      .thenThrows('REASON_REQUIRED');
  });
});
