import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import { ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { accountDecider, RecoveryFailedError } from '../accounts.decider';
import { AccountQueries } from '../accounts.queries';
import { candidateStream, recoveryAttemptsStream, todayInChina } from '../accounts.streams';
import { CaptchaService } from '../captcha/captcha.service';
import { identityDecider } from '../identity/identity.decider';
import type { IdentityEvent } from '../identity/identity.events';
import { IpThrottle } from '../login/ip-throttle';
import { LoginAttemptsRecorder } from '../login/login-attempts.recorder';
import { isCommonPassword } from '../security/common-passwords';
import { identityStreamFor } from '../security/identity-key';
import { normalizeSecurityAnswer, PasswordHasher } from '../security/password-hasher';
import { SessionStore } from '../sessions/session.store';
import { normalizeRealName } from '../validation/registration.rules';
import { isIdType, normalizeIdNumber, validateIdNumber } from '../validation/id-number.rules';
import { validatePassword, validatePasswordConfirmation } from '../validation/password.rules';

export interface RecoverPasswordInput {
  realName: string;
  idType: string;
  idNumber: string;
  securityAnswer: string;
  newPassword: string;
  confirmPassword?: string;
  captchaId: unknown;
  captcha: unknown;
}

/**
 * 找回密码 (guide 注意 5): name + ID type and number + security answer → a new password. Captcha,
 * IP throttle and a lockout per identity (`recoveryAttempts-<hash>`), one error for every wrong
 * combination; each recovery is recorded and shown to the candidate at the next login.
 */
@Injectable()
export class RecoverPasswordService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountQueries,
    private readonly captchas: CaptchaService,
    private readonly throttle: IpThrottle,
    private readonly attempts: LoginAttemptsRecorder,
    private readonly sessions: SessionStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  recover(input: RecoverPasswordInput, context: CommandContext) {
    return this.hasher.admitted(() => this.recoverAdmitted(input, context));
  }

  private async recoverAdmitted(input: RecoverPasswordInput, context: CommandContext) {
    const errors = [
      validatePassword(input.newPassword, { isCommonPassword }, 'newPassword'),
      input.confirmPassword === undefined
        ? null
        : validatePasswordConfirmation(input.newPassword, input.confirmPassword),
      isIdType(input.idType)
        ? validateIdNumber(input.idType, input.idNumber, { today: todayInChina(context.now) })
        : { field: 'idType', code: 'ID_TYPE_REQUIRED', message: '请选择证件类型' },
      input.realName.trim() ? null : { field: 'realName', code: 'REAL_NAME_REQUIRED', message: '请输入真实姓名' },
      input.securityAnswer.trim()
        ? null
        : { field: 'securityAnswer', code: 'SECURITY_ANSWER_REQUIRED', message: '请输入密码查询答案' },
    ].filter((e) => e !== null);
    if (errors.length > 0) throw new ValidationError(errors);
    await this.throttle.check(context.ip);
    await this.captchas.consume(input.captchaId, input.captcha);

    const identityStream = identityStreamFor(
      this.config.secrets.identityKey,
      input.idType as Parameters<typeof identityStreamFor>[1],
      normalizeIdNumber(input.idNumber),
    );
    const attemptsStream = recoveryAttemptsStream(identityStream.slice('identity-'.length));
    const attemptState = await this.attempts.state(attemptsStream);
    await this.attempts.refuseIfLocked(attemptsStream, attemptState, context);

    const holder = fold(
      identityDecider,
      (await this.store.readStream(identityStream)) as unknown as IdentityEvent[],
    ).holder;
    const account = holder.status === 'confirmed' ? await this.accounts.byId(holder.candidateId) : null;
    const answerValid = await this.hasher.verify(
      account?.securityAnswerHash,
      normalizeSecurityAnswer(input.securityAnswer),
    );
    const verified = answerValid && account !== null && sameName(account.realName, input.realName);
    const recoveryId = randomUUID();
    await this.attempts.record(
      attemptsStream,
      attemptState,
      {
        type: 'RecordLoginAttempt',
        credentialsValid: verified,
        accountKnown: account !== null,
        sessionRef: recoveryId,
        ip: context.ip ?? null,
        now: context.now,
      },
      context,
    );
    if (!verified || !account) {
      await this.throttle.fail(context.ip);
      throw new RecoveryFailedError();
    }
    const passwordHash = await this.hasher.hash(input.newPassword);
    const result = await this.handler.handle(
      candidateStream(account.candidateId),
      accountDecider,
      { type: 'RecoverPassword', verified, recoveryId, passwordHash, ip: context.ip ?? null, now: context.now },
      context,
    );
    await this.sessions.endAllOf(account.candidateId);
    return { username: account.username, position: result.position };
  }
}

/** A name as a person types it again: a Latin name's letter case and spacing do not matter (JOSE GARCIA). */
function sameName(registered: string, typed: string): boolean {
  const comparable = (name: string) => normalizeRealName(name.normalize('NFKC')).toLocaleLowerCase('en');
  return comparable(registered) === comparable(typed);
}
