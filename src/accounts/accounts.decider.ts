import { assertNever, type Decider } from '../shared/decider';
import { DomainError, ForbiddenError, UnauthorizedError } from '../shared/errors';
import { ACCOUNT_EVENT_TYPES, type AccountEvent, type CandidateRegistered } from './accounts.events';

export interface PendingRecovery {
  recoveryId: string;
  at: string;
  ip: string | null;
}

export type AccountState =
  | { status: 'none' }
  | {
      status: 'registered';
      candidateId: string;
      username: string;
      realName: string;
      idType: CandidateRegistered['data']['idType'];
      idNumber: string;
      identityStream: string;
      passwordHash: string;
      securityQuestion: string;
      securityAnswerHash: string;
      pendingRecoveries: PendingRecovery[];
      /** Suspended by staff (contested identity): login refused until reinstated. */
      suspended?: boolean;
    };

/** Hashes are computed and checked by the handler (argon2 is I/O for a pure decider); it passes the verdicts. */
export type AccountCommand =
  | { type: 'RegisterCandidate'; data: CandidateRegistered['data'] }
  /**
   * `sameAsCurrent`: the new password typed is the current one typed. `alreadyMade`: this very change
   * was made moments ago (a double click: the old password opened the account before that change,
   * the new one opens it now), checked by the handler.
   */
  | {
      type: 'ChangePassword';
      currentPasswordValid: boolean;
      sameAsCurrent: boolean;
      alreadyMade: boolean;
      passwordHash: string;
      now: Date;
    }
  | {
      type: 'ChangeSecurityQuestion';
      currentPasswordValid: boolean;
      securityQuestion: string;
      securityAnswerHash: string;
      now: Date;
    }
  | {
      type: 'RecoverPassword';
      verified: boolean;
      recoveryId: string;
      passwordHash: string;
      ip: string | null;
      now: Date;
    }
  | { type: 'AcknowledgeRecoveryNotices'; now: Date };

export class AccountNotFoundError extends DomainError {
  override readonly httpStatus = 404;
  constructor() {
    super('ACCOUNT_NOT_FOUND', '账户不存在');
  }
}

export class SamePasswordError extends DomainError {
  constructor() {
    super('SAME_PASSWORD', '新密码不能与当前密码相同', [
      { field: 'newPassword', code: 'SAME_PASSWORD', message: '新密码不能与当前密码相同' },
    ]);
  }
}

export class WrongCurrentPasswordError extends DomainError {
  constructor() {
    super('WRONG_CURRENT_PASSWORD', '当前密码不正确', [
      { field: 'currentPassword', code: 'WRONG_CURRENT_PASSWORD', message: '当前密码不正确' },
    ]);
  }
}

/** One answer for every wrong combination of 找回密码, so it reveals nothing. */
/** Suspended by staff (an identity case): neither login nor 找回密码 opens it until the case lifts it. */
export class AccountSuspendedError extends ForbiddenError {
  constructor() {
    super('ACCOUNT_SUSPENDED', '该账户已被暂停使用。如有疑问，请在资格审核期间携本人身份证明到资格审核现场处理。');
  }
}

export class RecoveryFailedError extends UnauthorizedError {
  constructor() {
    super('RECOVERY_FAILED', '姓名、证件信息或密码查询答案不正确');
  }
}

function decide(command: AccountCommand, state: AccountState): AccountEvent[] {
  if (command.type === 'RegisterCandidate') {
    // A retried registration (same deterministic candidate id) changes nothing.
    return state.status === 'registered' ? [] : [{ type: 'CandidateRegistered', data: command.data }];
  }
  if (state.status !== 'registered') {
    if (command.type === 'RecoverPassword') throw new RecoveryFailedError();
    throw new AccountNotFoundError();
  }
  switch (command.type) {
    case 'ChangePassword':
      if (command.alreadyMade) return [];
      if (!command.currentPasswordValid) throw new WrongCurrentPasswordError();
      if (command.sameAsCurrent) throw new SamePasswordError();
      return [
        { type: 'PasswordChanged', data: { passwordHash: command.passwordHash, changedAt: command.now.toISOString() } },
      ];
    case 'ChangeSecurityQuestion':
      if (!command.currentPasswordValid) throw new WrongCurrentPasswordError();
      return [
        {
          type: 'SecurityQuestionChanged',
          data: {
            securityQuestion: command.securityQuestion,
            securityAnswerHash: command.securityAnswerHash,
            changedAt: command.now.toISOString(),
          },
        },
      ];
    case 'RecoverPassword':
      if (!command.verified) throw new RecoveryFailedError();
      // A new password would not open it, and a hand-over's new owner would find it reset by another.
      if (state.status === 'registered' && state.suspended) throw new AccountSuspendedError();
      return [
        {
          type: 'PasswordRecovered',
          data: {
            recoveryId: command.recoveryId,
            passwordHash: command.passwordHash,
            recoveredAt: command.now.toISOString(),
            ip: command.ip,
          },
        },
      ];
    case 'AcknowledgeRecoveryNotices':
      if (state.pendingRecoveries.length === 0) return [];
      return [
        {
          type: 'RecoveryNoticeShown',
          data: { recoveryIds: state.pendingRecoveries.map((r) => r.recoveryId), shownAt: command.now.toISOString() },
        },
      ];
    default:
      return assertNever(command);
  }
}

const OWN_TYPES: readonly string[] = ACCOUNT_EVENT_TYPES;

function evolve(state: AccountState, event: AccountEvent): AccountState {
  // Other slices (profile, staff) write to the same candidate stream; their events are not ours to fold.
  if (!OWN_TYPES.includes(event.type)) return state;
  if (event.type === 'CandidateRegistered') {
    const d = event.data;
    return {
      status: 'registered',
      candidateId: d.candidateId,
      username: d.username,
      realName: d.realName,
      idType: d.idType,
      idNumber: d.idNumber,
      identityStream: d.identityStream,
      passwordHash: d.passwordHash,
      securityQuestion: d.securityQuestion,
      securityAnswerHash: d.securityAnswerHash,
      pendingRecoveries: [],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash };
    case 'SecurityQuestionChanged':
      return {
        ...state,
        securityQuestion: event.data.securityQuestion,
        securityAnswerHash: event.data.securityAnswerHash,
      };
    case 'PasswordRecovered':
      return {
        ...state,
        passwordHash: event.data.passwordHash,
        pendingRecoveries: [
          ...state.pendingRecoveries,
          { recoveryId: event.data.recoveryId, at: event.data.recoveredAt, ip: event.data.ip },
        ],
      };
    case 'RecoveryNoticeShown':
      return {
        ...state,
        pendingRecoveries: state.pendingRecoveries.filter((r) => !event.data.recoveryIds.includes(r.recoveryId)),
      };
    case 'AccountSuspended':
      return { ...state, suspended: true };
    case 'AccountReinstated':
      return { ...state, suspended: false };
    default:
      return assertNever(event);
  }
}

/** The candidate account (`candidate-<id>`): registration, password and security question. */
export const accountDecider: Decider<AccountState, AccountCommand, AccountEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
