import { assertNever, type Decider } from '../shared/decider';
import { ConflictError, DomainError } from '../shared/errors';
import type { StaffAccountCreated, StaffAccountEvent } from './staff-accounts.events';

export type StaffAccountState =
  | { status: 'none' }
  | ({ status: 'active' } & Pick<
      StaffAccountCreated['data'],
      'staffId' | 'username' | 'displayName' | 'role' | 'scope' | 'passwordHash'
    >);

export type StaffAccountCommand =
  | {
      type: 'CreateStaffAccount';
      data: StaffAccountCreated['data'];
      /** The first admin from configuration: an existing account is left as it is. */
      ifAbsent: boolean;
    }
  | { type: 'ChangeStaffPassword'; currentPasswordValid: boolean; passwordHash: string; now: Date };

export class StaffUsernameTakenError extends ConflictError {
  constructor() {
    super('STAFF_USERNAME_TAKEN', '该用户名已被使用');
  }
}

export class StaffScopeInvalidError extends DomainError {
  constructor(message: string) {
    super('STAFF_SCOPE_INVALID', message, [{ field: 'areaCode', code: 'STAFF_SCOPE_INVALID', message }]);
  }
}

function checkScope(data: StaffAccountCreated['data']): void {
  const scope = data.scope;
  const scoped = Boolean(scope && (scope.areaCode || scope.siteCode));
  if (data.role === 'staff' && !scoped) throw new StaffScopeInvalidError('考务人员须指定负责的考区或考点');
  if (data.role !== 'staff' && scoped) throw new StaffScopeInvalidError('审计员和管理员不设考区或考点范围');
}

function decide(command: StaffAccountCommand, state: StaffAccountState): StaffAccountEvent[] {
  switch (command.type) {
    case 'CreateStaffAccount':
      if (state.status !== 'none') {
        if (command.ifAbsent) return [];
        throw new StaffUsernameTakenError();
      }
      checkScope(command.data);
      return [{ type: 'StaffAccountCreated', data: command.data }];
    case 'ChangeStaffPassword':
      if (state.status === 'none') throw new DomainError('ACCOUNT_NOT_FOUND', '账户不存在');
      if (!command.currentPasswordValid)
        throw new DomainError('WRONG_CURRENT_PASSWORD', '当前密码不正确', [
          { field: 'currentPassword', code: 'WRONG_CURRENT_PASSWORD', message: '当前密码不正确' },
        ]);
      return [
        {
          type: 'StaffPasswordChanged',
          data: { passwordHash: command.passwordHash, changedAt: command.now.toISOString() },
        },
      ];
    default:
      return assertNever(command);
  }
}

function evolve(state: StaffAccountState, event: StaffAccountEvent): StaffAccountState {
  switch (event.type) {
    case 'StaffAccountCreated': {
      const { staffId, username, displayName, role, scope, passwordHash } = event.data;
      return { status: 'active', staffId, username, displayName, role, scope, passwordHash };
    }
    case 'StaffPasswordChanged':
      return state.status === 'none' ? state : { ...state, passwordHash: event.data.passwordHash };
    default:
      return assertNever(event);
  }
}

/** A staff, auditor or admin account; the stream per username makes the name unique in one append. */
export const staffAccountDecider: Decider<StaffAccountState, StaffAccountCommand, StaffAccountEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
