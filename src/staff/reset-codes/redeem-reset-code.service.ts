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
import {
  accountDecisionDecider,
  justRedeemed,
  ResetCodeInvalidError,
} from '../account-decisions/account-decision.decider';
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

  async redeem(input: RedeemInput, context: CommandContext): Promise<{ username: string }> {
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
    const result = await this.handler.handle(
      candidateStream(account.candidateId),
      accountDecisionDecider,
      {
        type: 'RedeemResetCode',
        codeHash,
        passwordAlreadySet: await this.passwordJustSet(account.candidateId, codeHash, input.password, context.now),
        passwordHash: await this.hasher.hash(input.password),
        securityQuestion: input.securityQuestion.trim(),
        securityAnswerHash: await this.hasher.hash(normalizeSecurityAnswer(input.securityAnswer)),
        ip: context.ip ?? null,
        now: context.now,
      },
      { ...context, actor: { id: account.candidateId, role: 'candidate' } },
    );
    // The same form sent again (a double click): answered as made, as nothing was to be done.
    if (result.events.length === 0) return { username: account.username };
    if (result.events[0]?.type !== 'ResetCodeRedeemed') {
      await this.throttle.fail(context.ip);
      throw new ResetCodeInvalidError();
    }
    await this.sessions.endAllOf(account.candidateId);
    return { username: account.username };
  }

  /**
   * Whether this code was used moments ago and the form's password is the one it set: only then
   * is the (slow) password check made. Knowing both, a second send learns nothing new.
   */
  private async passwordJustSet(candidateId: string, codeHash: string, password: string, now: Date) {
    const events = await this.store.readStream(candidateStream(candidateId));
    const decisions = fold(accountDecisionDecider, events as Parameters<typeof accountDecisionDecider.evolve>[1][]);
    if (!justRedeemed(decisions.code, codeHash, now)) return false;
    const account = fold(accountDecider, events as Parameters<typeof accountDecider.evolve>[1][]);
    return account.status === 'registered' && this.hasher.verify(account.passwordHash, password);
  }
}
