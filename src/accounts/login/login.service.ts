import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import type { Role, StaffScope } from '../../infrastructure/http/principal';
import { CaptchaService } from '../captcha/captcha.service';
import { loginAttemptsStream } from '../accounts.streams';
import { keyedHash } from '../security/identity-key';
import { PasswordHasher } from '../security/password-hasher';
import { SessionStore } from '../sessions/session.store';
import { normalizeUsername } from '../username/username.events';
import { IpThrottle } from './ip-throttle';
import { LoginAttemptsRecorder } from './login-attempts.recorder';
import { AccountSuspendedError } from '../accounts.decider';

/** What a login needs to know about an account, whoever keeps it (candidates, staff). */
export interface LoginAccount {
  id: string;
  role: Role;
  username: string;
  passwordHash: string;
  scope?: StaffScope;
  /** Suspended by staff (candidates) or disabled by an admin (staff): the right password still does not sign in. */
  suspended?: boolean;
}

export interface LoginRequest {
  username: string;
  password: string;
  captchaId: unknown;
  captcha: unknown;
  /** The session this browser had before, ended when the new one starts (no session fixation). */
  previousSessionId?: string;
}

export interface LoginOutcome {
  token: string;
  account: LoginAccount;
}

/** One answer for a wrong username and a wrong password, so neither can be probed. */
export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super('INVALID_CREDENTIALS', '用户名或密码不正确');
  }
}

export { AccountSuspendedError };

/** A staff, auditor or admin account an admin disabled. */
export class StaffAccountDisabledError extends ForbiddenError {
  constructor() {
    super('ACCOUNT_DISABLED', '该账户已被管理员停用。如有疑问，请联系系统管理员。');
  }
}

const suspendedError = (account: LoginAccount) =>
  account.role === 'candidate' ? new AccountSuspendedError() : new StaffAccountDisabledError();

/**
 * Login for every kind of account: captcha (one use), IP throttle, per-account lockout, argon2
 * verification (a dummy hash when the username is unknown), the attempt recorded, a session.
 */
@Injectable()
export class LoginService {
  constructor(
    private readonly captchas: CaptchaService,
    private readonly throttle: IpThrottle,
    private readonly attempts: LoginAttemptsRecorder,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  login(
    request: LoginRequest,
    findAccount: (username: string) => Promise<LoginAccount | null>,
    context: CommandContext,
  ): Promise<LoginOutcome> {
    return this.hasher.admitted(() => this.loginAdmitted(request, findAccount, context));
  }

  private async loginAdmitted(
    request: LoginRequest,
    findAccount: (username: string) => Promise<LoginAccount | null>,
    context: CommandContext,
  ): Promise<LoginOutcome> {
    await this.throttle.check(context.ip);
    await this.captchas.consume(request.captchaId, request.captcha);
    const account = request.username.trim() ? await findAccount(request.username.trim()) : null;
    const stream = loginAttemptsStream(
      account
        ? account.id
        : `u${keyedHash(this.config.secrets.identityKey, `login:${normalizeUsername(request.username)}`)}`,
    );
    const state = await this.attempts.state(stream);
    await this.attempts.refuseIfLocked(stream, state, context);
    const valid = await this.hasher.verify(account?.passwordHash, request.password);
    const sessionRef = randomUUID();
    await this.attempts.record(
      stream,
      state,
      {
        type: 'RecordLoginAttempt',
        credentialsValid: valid,
        accountKnown: account !== null,
        accountSuspended: account?.suspended ?? false,
        sessionRef,
        ip: context.ip ?? null,
        now: context.now,
      },
      context,
    );
    if (!valid || !account) {
      await this.throttle.fail(context.ip);
      throw new InvalidCredentialsError();
    }
    if (account.suspended) throw suspendedError(account);
    if (request.previousSessionId) await this.sessions.end(request.previousSessionId);
    const { token, sessionId } = await this.sessions.create(account);
    // A suspension decided while the password was checked may have ended the account's sessions
    // before this one existed; it is written after its event, so reading again closes the gap.
    if ((await findAccount(account.username))?.suspended) {
      await this.sessions.end(sessionId);
      throw suspendedError(account);
    }
    return { token, account };
  }

  async logout(principal: { id: string; sessionId: string }, context: CommandContext): Promise<void> {
    await this.sessions.end(principal.sessionId);
    const stream = loginAttemptsStream(principal.id);
    await this.attempts.record(
      stream,
      await this.attempts.state(stream),
      { type: 'RecordLogout', sessionRef: principal.sessionId, now: context.now },
      context,
    );
  }
}
