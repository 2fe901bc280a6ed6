import { assertNever, type Decider } from '../shared/decider';
import { ConflictError, DomainError } from '../shared/errors';
import type { AdminRef, StaffAccountCreated, StaffAccountEvent } from './staff-accounts.events';

export const MIN_REASON_LENGTH = 4;
export const MAX_REASON_LENGTH = 200;

export type StaffAccountState =
  | { status: 'none' }
  | ({ status: 'active' | 'disabled' } & Pick<
      StaffAccountCreated['data'],
      'staffId' | 'username' | 'displayName' | 'role' | 'scope' | 'passwordHash'
    >);

export type StaffAccountCommand =
  | {
      type: 'CreateStaffAccount';
      data: StaffAccountCreated['data'];
      /** The first admin from configuration: an existing account is left as it is. */
      ifAbsent: boolean;
      /** The areas and sites of the scheduled sessions' catalogs, which a scope must name (given with a scope). */
      catalogPlaces?: CatalogPlaces;
    }
  | { type: 'ChangeStaffPassword'; currentPasswordValid: boolean; passwordHash: string; now: Date }
  | {
      type: 'DisableStaffAccount';
      reason: string;
      by: AdminRef;
      /** Active admins other than this account, read by the caller from their streams. */
      otherActiveAdmins: number;
      now: Date;
    }
  | { type: 'EnableStaffAccount'; reason: string; by: AdminRef; now: Date };

export class StaffUsernameTakenError extends ConflictError {
  constructor() {
    super('STAFF_USERNAME_TAKEN', '该用户名已被使用');
  }
}

export class StaffScopeInvalidError extends DomainError {
  constructor(message: string, field: 'areaCode' | 'siteCode' = 'areaCode') {
    super('STAFF_SCOPE_INVALID', message, [{ field, code: 'STAFF_SCOPE_INVALID', message }]);
  }
}

export interface CatalogPlaces {
  areaCodes: readonly string[];
  siteCodes: readonly string[];
}

export class StaffAccountMissingError extends DomainError {
  override readonly httpStatus = 404;
  constructor() {
    super('ACCOUNT_NOT_FOUND', '账户不存在');
  }
}

export class StaffReasonError extends DomainError {
  constructor(code: 'REASON_REQUIRED' | 'REASON_TOO_LONG', message: string) {
    super(code, message, [{ field: 'reason', code, message }]);
  }
}

export class CannotDisableSelfError extends DomainError {
  constructor() {
    super('CANNOT_DISABLE_SELF', '不能停用自己的账户');
  }
}

export class LastActiveAdminError extends DomainError {
  constructor() {
    super('LAST_ACTIVE_ADMIN', '不能停用最后一个在用的管理员账户');
  }
}

function checkReason(reason: string): void {
  const length = Array.from(reason.trim()).length;
  if (length < MIN_REASON_LENGTH)
    throw new StaffReasonError('REASON_REQUIRED', `请填写原因（至少 ${MIN_REASON_LENGTH} 个字）`);
  if (length > MAX_REASON_LENGTH)
    throw new StaffReasonError('REASON_TOO_LONG', `原因不能超过 ${MAX_REASON_LENGTH} 个字`);
}

function checkScope(data: StaffAccountCreated['data'], places: CatalogPlaces | undefined): void {
  const scope = data.scope;
  const scoped = Boolean(scope && (scope.areaCode || scope.siteCode));
  if (data.role === 'staff' && !scoped) throw new StaffScopeInvalidError('考务人员须指定负责的考区或考点');
  if (data.role !== 'staff' && scoped) throw new StaffScopeInvalidError('审计员和管理员不设考区或考点范围');
  // A site's code begins with its area's: an area given with a site must be the site's own.
  if (scope?.areaCode && scope.siteCode && !scope.siteCode.startsWith(scope.areaCode))
    throw new StaffScopeInvalidError('考点不在所选考区内，请只填写考点，或填写考点所在的考区');
  // A scope no catalog has would see nothing, and look like a working account.
  if (scope?.areaCode && places && !places.areaCodes.includes(scope.areaCode))
    throw new StaffScopeInvalidError(`考区 ${scope.areaCode} 不存在`);
  if (scope?.siteCode && places && !places.siteCodes.includes(scope.siteCode))
    throw new StaffScopeInvalidError(`考点 ${scope.siteCode} 不存在`, 'siteCode');
}

function decide(command: StaffAccountCommand, state: StaffAccountState): StaffAccountEvent[] {
  switch (command.type) {
    case 'CreateStaffAccount':
      if (state.status !== 'none') {
        if (command.ifAbsent) return [];
        throw new StaffUsernameTakenError();
      }
      checkScope(command.data, command.catalogPlaces);
      return [{ type: 'StaffAccountCreated', data: command.data }];
    case 'ChangeStaffPassword':
      if (state.status === 'none') throw new DomainError('ACCOUNT_NOT_FOUND', '账户不存在');
      if (state.status === 'disabled') throw new DomainError('ACCOUNT_DISABLED', '该账户已停用');
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
    case 'DisableStaffAccount':
      if (state.status === 'none') throw new StaffAccountMissingError();
      checkReason(command.reason);
      if (command.by.id === state.staffId) throw new CannotDisableSelfError();
      if (state.status === 'disabled') return [];
      if (state.role === 'admin' && command.otherActiveAdmins < 1) throw new LastActiveAdminError();
      return [
        {
          type: 'StaffAccountDisabled',
          data: {
            staffId: state.staffId,
            reason: command.reason.trim(),
            by: command.by,
            disabledAt: command.now.toISOString(),
          },
        },
      ];
    case 'EnableStaffAccount':
      if (state.status === 'none') throw new StaffAccountMissingError();
      checkReason(command.reason);
      if (state.status === 'active') return [];
      return [
        {
          type: 'StaffAccountEnabled',
          data: {
            staffId: state.staffId,
            reason: command.reason.trim(),
            by: command.by,
            enabledAt: command.now.toISOString(),
          },
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
    case 'StaffAccountDisabled':
      return state.status === 'none' ? state : { ...state, status: 'disabled' };
    case 'StaffAccountEnabled':
      return state.status === 'none' ? state : { ...state, status: 'active' };
    default:
      return assertNever(event);
  }
}

/**
 * A staff, auditor or admin account; the stream per username makes the name unique in one append.
 * Admins disable and re-enable accounts with a reason; never their own, nor the last active admin.
 */
export const staffAccountDecider: Decider<StaffAccountState, StaffAccountCommand, StaffAccountEvent> = {
  initialState: () => ({ status: 'none' }),
  decide,
  evolve,
};
