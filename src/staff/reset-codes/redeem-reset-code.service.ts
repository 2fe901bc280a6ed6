import { Inject, Injectable } from '@nestjs/common';
import { AccountQueries } from '../../accounts/accounts.queries';
import { candidateStream } from '../../accounts/accounts.streams';
import { IpThrottle } from '../../accounts/login/ip-throttle';
import { isCommonPassword } from '../../accounts/security/common-passwords';
import { normalizeSecurityAnswer, PasswordHasher } from '../../accounts/security/password-hasher';
import { SessionStore } from '../../accounts/sessions/session.store';
import { validateFields } from '../../accounts/validation/registration.rules';
import { validatePassword, validatePasswordConfirmation } from '../../accounts/validation/password.rules';
import { accountDecider } from '../../accounts/accounts.decider';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import { ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { accountDecisionDecider, ResetCodeInvalidError } from '../account-decisions/account-decision.decider';
import { resetCodeHash } from './reset-code';

export interface RedeemInput {
  username: string;
  code: string;
  password: string;
  confirmPassword: string;
  securityQuestion: string;
  securityAnswer: string;
}

/**
 * The person whose identity staff checked in person sets a new password with the one-time code:
 * the code is used up, a suspended account is reinstated. The 密码查询问题 is set anew too, and
 * every session of the account ends: after a hand-over the one who held the account before knows
 * the old answer (找回密码 would give it back to them) and may still be signed in. Wrong codes are
 * recorded and counted.
 */
@Injectable()
export class RedeemResetCodeService {
  constructor(
    private readonly accounts: AccountQueries,
    private readonly handler: EventSourcedHandler,
    private readonly hasher: PasswordHasher,
    private readonly throttle: IpThrottle,
    private readonly sessions: SessionStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  redeem(input: RedeemInput, context: CommandContext): Promise<{ username: string }> {
    return this.hasher.admitted(() => this.redeemAdmitted(input, context));
  }

  private async redeemAdmitted(input: RedeemInput, context: CommandContext): Promise<{ username: string }> {
    await this.throttle.check(context.ip);
    const errors = [
      input.username.trim() ? null : { field: 'username', code: 'USERNAME_REQUIRED', message: '请输入用户名' },
      input.code.trim() ? null : { field: 'code', code: 'RESET_CODE_REQUIRED', message: '请输入重置码' },
      validatePassword(input.password, { username: input.username, isCommonPassword }),
      validatePasswordConfirmation(input.password, input.confirmPassword),
      ...validateFields(['securityQuestion', 'securityAnswer'], { ...input }, { today: '' }),
    ].filter((error) => error !== null);
    if (errors.length > 0) throw new ValidationError(errors);
    const account = await this.accounts.byUsername(input.username.trim());
    if (!account) {
      await this.throttle.fail(context.ip);
      throw new ResetCodeInvalidError();
    }
    const codeHash = resetCodeHash(this.config.secrets.sessionKey, account.candidateId, input.code);
    const stream = candidateStream(account.candidateId);
    const command = {
      type: 'RedeemResetCode' as const,
      codeHash,
      recognizeRepeat: true,
      passwordHash: await this.hasher.hash(input.password),
      securityQuestion: input.securityQuestion.trim(),
      securityAnswerHash: await this.hasher.hash(normalizeSecurityAnswer(input.securityAnswer)),
      ip: context.ip ?? null,
      now: context.now,
    };
    const asHolder = { ...context, actor: { id: account.candidateId, role: 'candidate' as const } };
    const result = await this.handler.handle(stream, accountDecisionDecider, command, asHolder);
    // The code was used moments ago (possibly by a request that overlapped this one): the same
    // form sent again is answered as made; anything else is the wrong try it is, and counted.
    if (result.events.length === 0) {
      if (await this.setByThisForm(account.candidateId, input)) return { username: account.username };
      await this.handler.handle(stream, accountDecisionDecider, { ...command, recognizeRepeat: false }, asHolder);
      await this.throttle.fail(context.ip);
      throw new ResetCodeInvalidError();
    }
    if (result.events[0]?.type !== 'ResetCodeRedeemed') {
      await this.throttle.fail(context.ip);
      throw new ResetCodeInvalidError();
    }
    await this.sessions.endAllOf(account.candidateId);
    return { username: account.username };
  }

  /**
   * Whether the account now holds what this form sets: its password, 密码查询问题 and answer. A
   * form changed in between (a typo in the answer corrected) is not the same form: refused.
   */
  private async setByThisForm(candidateId: string, input: RedeemInput): Promise<boolean> {
    const events = await this.store.readStream(candidateStream(candidateId));
    const account = fold(accountDecider, events as Parameters<typeof accountDecider.evolve>[1][]);
    return (
      account.status === 'registered' &&
      account.securityQuestion === input.securityQuestion.trim() &&
      (await this.hasher.verify(account.passwordHash, input.password)) &&
      (await this.hasher.verify(account.securityAnswerHash, normalizeSecurityAnswer(input.securityAnswer)))
    );
  }
}
