import { accountDecider } from './accounts.decider';
import type { AccountEvent, CandidateRegistered } from './accounts.events';
import { specFor } from './decider-spec';

const given = specFor(accountDecider);
const now = new Date('2026-11-26T03:00:00.000Z');
const registered: CandidateRegistered = {
  type: 'CandidateRegistered',
  data: {
    candidateId: 'c1',
    username: 'zhangsan01',
    realName: '张三',
    gender: 'F',
    birthDate: '1949-12-31',
    idType: 'resident',
    idNumber: '11010519491231002X',
    identityStream: 'identity-resident-abc',
    nationality: '中国',
    mobile: '13800138000',
    email: 'z@example.cn',
    securityQuestion: '我的小学',
    securityAnswerHash: 'answer-hash',
    passwordHash: 'hash-1',
    registeredAt: now.toISOString(),
  },
};
const recovered: AccountEvent = {
  type: 'PasswordRecovered',
  data: { recoveryId: 'r1', passwordHash: 'hash-2', recoveredAt: now.toISOString(), ip: '10.0.0.1' },
};

describe('candidate account decider', () => {
  it('registers a new candidate', () => {
    given([]).when({ type: 'RegisterCandidate', data: registered.data }).then([registered]);
  });

  it('ignores a retried registration of the same candidate id', () => {
    given([registered]).when({ type: 'RegisterCandidate', data: registered.data }).then([]);
  });

  it('changes the password only with the current password', () => {
    given([registered])
      .when({
        type: 'ChangePassword',
        currentPasswordValid: true,
        sameAsCurrent: false,
        alreadyMade: false,
        passwordHash: 'hash-2',
        now,
      })
      .then([{ type: 'PasswordChanged', data: { passwordHash: 'hash-2', changedAt: now.toISOString() } }]);
    given([registered])
      .when({
        type: 'ChangePassword',
        currentPasswordValid: false,
        sameAsCurrent: false,
        alreadyMade: false,
        passwordHash: 'hash-2',
        now,
      })
      .thenThrows('WRONG_CURRENT_PASSWORD');
  });

  it('refuses the current password as the new one, and takes a change already made (a double click) as done', () => {
    const change = { type: 'ChangePassword', passwordHash: '', now } as const;
    given([registered])
      .when({ ...change, currentPasswordValid: true, sameAsCurrent: true, alreadyMade: false })
      .thenThrows('SAME_PASSWORD');
    // A wrong current password is told so first: the two fields are no oracle for each other.
    given([registered])
      .when({ ...change, currentPasswordValid: false, sameAsCurrent: true, alreadyMade: false })
      .thenThrows('WRONG_CURRENT_PASSWORD');
    given([registered])
      .when({ ...change, currentPasswordValid: false, sameAsCurrent: false, alreadyMade: true })
      .then([]);
  });

  it('changes the security question only with the current password', () => {
    const command = {
      type: 'ChangeSecurityQuestion' as const,
      securityQuestion: '我的家乡',
      securityAnswerHash: 'h',
      now,
    };
    given([registered])
      .when({ ...command, currentPasswordValid: true })
      .then([
        {
          type: 'SecurityQuestionChanged',
          data: { securityQuestion: '我的家乡', securityAnswerHash: 'h', changedAt: now.toISOString() },
        },
      ]);
    given([registered])
      .when({ ...command, currentPasswordValid: false })
      .thenThrows('WRONG_CURRENT_PASSWORD');
  });

  it('refuses commands on an account that does not exist', () => {
    given([])
      .when({
        type: 'ChangePassword',
        currentPasswordValid: true,
        sameAsCurrent: false,
        alreadyMade: false,
        passwordHash: 'x',
        now,
      })
      .thenThrows('ACCOUNT_NOT_FOUND');
  });

  it('recovers the password with one error for every wrong combination', () => {
    const command = { type: 'RecoverPassword' as const, recoveryId: 'r1', passwordHash: 'hash-2', ip: '10.0.0.1', now };
    given([registered])
      .when({ ...command, verified: true })
      .then([recovered]);
    given([registered])
      .when({ ...command, verified: false })
      .thenThrows('RECOVERY_FAILED');
    given([])
      .when({ ...command, verified: true })
      .thenThrows('RECOVERY_FAILED');
  });

  it('recovers no password of a suspended account: the case lifts the suspension, not the old answer', () => {
    const command = { type: 'RecoverPassword' as const, recoveryId: 'r1', passwordHash: 'hash-2', ip: null, now };
    const suspended = { type: 'AccountSuspended', data: {} } as never;
    given([registered, suspended])
      .when({ ...command, verified: true })
      .thenThrows('ACCOUNT_SUSPENDED');
    const reinstated = { type: 'AccountReinstated', data: {} } as never;
    given([registered, suspended, reinstated])
      .when({ ...command, verified: true })
      .then([{ ...recovered, data: { ...recovered.data, ip: null } }]);
  });

  it('shows each recovery notice once, at the next login', () => {
    given([registered, recovered])
      .when({ type: 'AcknowledgeRecoveryNotices', now })
      .then([{ type: 'RecoveryNoticeShown', data: { recoveryIds: ['r1'], shownAt: now.toISOString() } }]);
    const shown: AccountEvent = {
      type: 'RecoveryNoticeShown',
      data: { recoveryIds: ['r1'], shownAt: now.toISOString() },
    };
    given([registered, recovered, shown]).when({ type: 'AcknowledgeRecoveryNotices', now }).then([]);
  });

  it('ignores events of other slices on the candidate stream', () => {
    const foreign = { type: 'ContactDetailsChanged', data: {} } as unknown as AccountEvent;
    given([registered, foreign])
      .when({
        type: 'ChangePassword',
        currentPasswordValid: true,
        sameAsCurrent: false,
        alreadyMade: false,
        passwordHash: 'h3',
        now,
      })
      .then([{ type: 'PasswordChanged', data: { passwordHash: 'h3', changedAt: now.toISOString() } }]);
  });
});
