import { Inject, Injectable } from '@nestjs/common';
import { EventSourcedHandler } from '../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import type { StaffScope } from '../infrastructure/http/principal';
import { fold } from '../shared/decider';
import { ValidationError, type FieldError } from '../shared/errors';
import type { CommandContext } from '../shared/messages';
import type { LoginAccount } from '../accounts/login/login.service';
import { isCommonPassword } from '../accounts/security/common-passwords';
import { PasswordHasher } from '../accounts/security/password-hasher';
import { SessionStore } from '../accounts/sessions/session.store';
import { normalizeUsername } from '../accounts/username/username.events';
import { validatePassword, validatePasswordConfirmation } from '../accounts/validation/password.rules';
import { USERNAME_PATTERN } from '../accounts/validation/registration.rules';
import { CatalogQueries } from '../catalog/catalog-queries';
import { staffAccountDecider, type CatalogPlaces, type StaffAccountState } from './staff-account.decider';
import type { AdminRef, StaffAccountEvent, StaffRole } from './staff-accounts.events';
import { StaffAccountsQuery } from './staff-accounts.query';
import { staffAccountStream } from './staff-accounts.streams';

export interface CreateStaffInput {
  username: string;
  password: string;
  displayName: string;
  role: string;
  areaCode?: string;
  siteCode?: string;
}

const ROLES: readonly StaffRole[] = ['staff', 'auditor', 'admin'];
const CODE = /^[A-Za-z0-9_-]{1,32}$/;

/** Creates, disables and re-enables staff, auditor and admin accounts (as events) and finds them for login. */
@Injectable()
export class StaffAccountService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    private readonly query: StaffAccountsQuery,
    private readonly catalogs: CatalogQueries,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** Every area and site of the scheduled sessions: where a staff member may be scoped. */
  private async catalogPlaces(): Promise<CatalogPlaces> {
    const { areas, sites } = await this.catalogs.placeNames();
    return { areaCodes: [...areas.keys()], siteCodes: [...sites.keys()] };
  }

  async create(
    input: CreateStaffInput,
    createdBy: string,
    context: CommandContext,
    options: { ifAbsent?: boolean; fromConfiguration?: boolean } = {},
  ) {
    const username = input.username.trim();
    const errors: FieldError[] = [];
    if (!USERNAME_PATTERN.test(username))
      errors.push({
        field: 'username',
        code: 'USERNAME_FORMAT',
        message: '用户名为4至20位字母、数字或下划线，以字母开头',
      });
    // The configured first admin is checked by InitialAdmin (strictly in production only).
    const password = options.fromConfiguration
      ? null
      : validatePassword(input.password, { username, isCommonPassword });
    if (password) errors.push(password);
    const displayName = input.displayName.trim();
    if (displayName.length < 1 || displayName.length > 28)
      errors.push({ field: 'displayName', code: 'DISPLAY_NAME_LENGTH', message: '姓名为1至28个字符' });
    if (!ROLES.includes(input.role as StaffRole))
      errors.push({ field: 'role', code: 'ROLE_REQUIRED', message: '请选择角色' });
    for (const field of ['areaCode', 'siteCode'] as const) {
      const value = input[field]?.trim();
      if (value && !CODE.test(value))
        errors.push({ field, code: 'CODE_FORMAT', message: '代码只能包含字母、数字、下划线或连字符' });
    }
    if (errors.length > 0) throw new ValidationError(errors);
    const scope: StaffScope = {};
    if (input.areaCode?.trim()) scope.areaCode = input.areaCode.trim();
    if (input.siteCode?.trim()) scope.siteCode = input.siteCode.trim();
    const staffId = normalizeUsername(username);
    return this.handler.handle(
      staffAccountStream(username),
      staffAccountDecider,
      {
        type: 'CreateStaffAccount',
        ifAbsent: options.ifAbsent ?? false,
        ...(scope.areaCode || scope.siteCode ? { catalogPlaces: await this.catalogPlaces() } : {}),
        data: {
          staffId,
          username,
          displayName,
          role: input.role as StaffRole,
          scope: scope.areaCode || scope.siteCode ? scope : null,
          passwordHash: await this.hasher.hash(input.password),
          createdBy,
          createdAt: context.now.toISOString(),
        },
      },
      context,
    );
  }

  /** 修改密码 for staff, auditors and admins: the current password required; other sessions end. */
  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  changePassword(
    username: string,
    input: { currentPassword: string; newPassword: string; confirmPassword: string },
    context: CommandContext,
  ) {
    return this.hasher.admitted(() => this.changePasswordAdmitted(username, input, context));
  }

  private async changePasswordAdmitted(
    username: string,
    input: { currentPassword: string; newPassword: string; confirmPassword: string },
    context: CommandContext,
  ) {
    const errors = [
      validatePassword(input.newPassword, { username, isCommonPassword }, 'newPassword'),
      validatePasswordConfirmation(input.newPassword, input.confirmPassword),
    ].filter((e) => e !== null);
    if (errors.length > 0) throw new ValidationError(errors);
    const account = await this.byUsername(username);
    const currentPasswordValid = await this.hasher.verify(
      account.status === 'active' ? account.passwordHash : undefined,
      input.currentPassword,
    );
    const passwordHash = currentPasswordValid ? await this.hasher.hash(input.newPassword) : '';
    return this.handler.handle(
      staffAccountStream(username),
      staffAccountDecider,
      { type: 'ChangeStaffPassword', currentPasswordValid, passwordHash, now: context.now },
      context,
    );
  }

  /**
   * Takes the account out of use; its sessions end in the shared store, so every app process
   * treats its next request as signed out. Repeating it writes nothing but ends sessions again
   * (a crash between the event and the sessions is healed by trying again).
   */
  async disable(staffId: string, reason: unknown, by: AdminRef, context: CommandContext) {
    const result = await this.handler.handle(
      staffAccountStream(staffId),
      staffAccountDecider,
      {
        type: 'DisableStaffAccount',
        reason: typeof reason === 'string' ? reason : '',
        by,
        otherActiveAdmins: await this.activeAdminsOtherThan(staffId),
        now: context.now,
      },
      context,
    );
    await this.sessions.endAllOf(normalizeUsername(staffId));
    return result;
  }

  enable(staffId: string, reason: unknown, by: AdminRef, context: CommandContext) {
    return this.handler.handle(
      staffAccountStream(staffId),
      staffAccountDecider,
      { type: 'EnableStaffAccount', reason: typeof reason === 'string' ? reason : '', by, now: context.now },
      context,
    );
  }

  /**
   * Admins are few: the list says who they are, each stream says whether still active (a lagging
   * list can only miss a new admin, which makes the count err on the side of refusing).
   */
  private async activeAdminsOtherThan(staffId: string): Promise<number> {
    const others = (await this.query.admins()).filter((row) => row.staffId !== normalizeUsername(staffId));
    const states = await Promise.all(others.map((row) => this.byUsername(row.username)));
    return states.filter((state) => state.status === 'active' && state.role === 'admin').length;
  }

  async byUsername(username: string): Promise<StaffAccountState> {
    const events = (await this.store.readStream(staffAccountStream(username))) as unknown as StaffAccountEvent[];
    return fold(staffAccountDecider, events);
  }

  async loginAccount(username: string): Promise<LoginAccount | null> {
    const account = await this.byUsername(username);
    if (account.status === 'none') return null;
    return {
      id: account.staffId,
      role: account.role,
      username: account.username,
      passwordHash: account.passwordHash,
      ...(account.scope ? { scope: account.scope } : {}),
      suspended: account.status === 'disabled',
    };
  }
}
