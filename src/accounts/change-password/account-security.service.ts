import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { accountDecider, type PendingRecovery } from '../accounts.decider';
import { AccountQueries } from '../accounts.queries';
import { candidateStream } from '../accounts.streams';
import { isCommonPassword } from '../security/common-passwords';
import { normalizeSecurityAnswer, PasswordHasher } from '../security/password-hasher';
import { LoginAttemptsRecorder } from '../login/login-attempts.recorder';
import { loginAttemptsStream } from '../accounts.streams';
import { SessionStore } from '../sessions/session.store';
import { validatePassword, validatePasswordConfirmation } from '../validation/password.rules';
import { validateFields } from '../validation/registration.rules';

/** How long after a password change the same form sent again is taken as that change. */
const DOUBLE_CLICK_MS = 2 * 60_000;

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
  confirmPassword?: string;
}

export interface ChangeSecurityQuestionInput {
  currentPassword: string;
  securityQuestion: string;
  securityAnswer: string;
}

/** 安全设置: change the password or the security question, the current password required. */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly hasher: PasswordHasher,
    private readonly accounts: AccountQueries,
    private readonly sessions: SessionStore,
    private readonly attempts: LoginAttemptsRecorder,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The current password checked as a login checks it: a wrong one counts toward the account's
   * lockout, and none is checked while it is locked. Otherwise a session left open (a shared
   * computer, a stolen cookie) could guess the password without limit, then change it.
   */
  private async currentPasswordValid(candidateId: string, password: string, context: CommandContext) {
    const stream = loginAttemptsStream(candidateId);
    const state = await this.attempts.state(stream);
    await this.attempts.refuseIfLocked(stream, state, context);
    const account = await this.accounts.byId(candidateId);
    const valid = await this.hasher.verify(account?.passwordHash, password);
    if (!valid) await this.attempts.recordWrongPassword(stream, state, context);
    return valid;
  }

  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  changePassword(candidateId: string, sessionId: string, input: ChangePasswordInput, context: CommandContext) {
    return this.hasher.admitted(() => this.changePasswordAdmitted(candidateId, sessionId, input, context));
  }

  private async changePasswordAdmitted(
    candidateId: string,
    sessionId: string,
    input: ChangePasswordInput,
    context: CommandContext,
  ) {
    const account = await this.accounts.byId(candidateId);
    const errors = [
      validatePassword(input.newPassword, { username: account?.username, isCommonPassword }, 'newPassword'),
      input.confirmPassword === undefined
        ? null
        : validatePasswordConfirmation(input.newPassword, input.confirmPassword),
    ].filter((e) => e !== null);
    if (errors.length > 0) throw new ValidationError(errors);
    const currentPasswordValid = await this.currentPasswordValid(candidateId, input.currentPassword, context);
    const sameAsCurrent = input.newPassword === input.currentPassword;
    const alreadyMade = !currentPasswordValid && (await this.justChanged(candidateId, input, context.now));
    const passwordHash = currentPasswordValid && !sameAsCurrent ? await this.hasher.hash(input.newPassword) : '';
    const result = await this.handler.handle(
      candidateStream(candidateId),
      accountDecider,
      { type: 'ChangePassword', currentPasswordValid, sameAsCurrent, alreadyMade, passwordHash, now: context.now },
      context,
    );
    // Other browsers signed in with the old password are signed out.
    await this.sessions.endAllOf(candidateId, sessionId);
    return result;
  }

  /**
   * Whether this form's change was made moments ago (the same form sent twice): the last password
   * change is under two minutes old, the form's current password opened the account before it and
   * its new one opens it now. Both checked, so a session left open cannot test a guess of the
   * password without knowing the one before; the wrong current password still counts as a try.
   */
  private async justChanged(candidateId: string, input: ChangePasswordInput, now: Date): Promise<boolean> {
    const hashes: Array<{ hash: string; changedAt?: string }> = [];
    for (const event of await this.store.readStream(candidateStream(candidateId))) {
      const data = event.data as { passwordHash?: string; changedAt?: string };
      if (event.type === 'CandidateRegistered' || event.type === 'PasswordRecovered')
        hashes.push({ hash: data.passwordHash ?? '' });
      else if (event.type === 'PasswordChanged')
        hashes.push({ hash: data.passwordHash ?? '', changedAt: data.changedAt });
    }
    const [before, last] = hashes.slice(-2);
    if (!before || !last?.changedAt || now.getTime() - Date.parse(last.changedAt) > DOUBLE_CLICK_MS) return false;
    return (
      (await this.hasher.verify(last.hash, input.newPassword)) &&
      (await this.hasher.verify(before.hash, input.currentPassword))
    );
  }

  /** Holding a place in the password-hash queue (503 SERVER_BUSY at once when none is left). */
  changeSecurityQuestion(candidateId: string, input: ChangeSecurityQuestionInput, context: CommandContext) {
    return this.hasher.admitted(() => this.changeSecurityQuestionAdmitted(candidateId, input, context));
  }

  private async changeSecurityQuestionAdmitted(
    candidateId: string,
    input: ChangeSecurityQuestionInput,
    context: CommandContext,
  ) {
    const form = { securityQuestion: input.securityQuestion, securityAnswer: input.securityAnswer };
    const errors = validateFields(['securityQuestion', 'securityAnswer'], form, { today: '' });
    if (errors.length > 0) throw new ValidationError(errors);
    const currentPasswordValid = await this.currentPasswordValid(candidateId, input.currentPassword, context);
    const securityAnswerHash = currentPasswordValid
      ? await this.hasher.hash(normalizeSecurityAnswer(input.securityAnswer))
      : '';
    return this.handler.handle(
      candidateStream(candidateId),
      accountDecider,
      {
        type: 'ChangeSecurityQuestion',
        currentPasswordValid,
        securityQuestion: input.securityQuestion.trim(),
        securityAnswerHash,
        now: context.now,
      },
      context,
    );
  }

  /** Recoveries the candidate has not been told about; told once, at the next login. */
  async takeRecoveryNotices(candidateId: string, context: CommandContext): Promise<PendingRecovery[]> {
    const account = await this.accounts.byId(candidateId);
    if (!account || account.pendingRecoveries.length === 0) return [];
    await this.handler.handle(
      candidateStream(candidateId),
      accountDecider,
      { type: 'AcknowledgeRecoveryNotices', now: context.now },
      context,
    );
    return account.pendingRecoveries;
  }
}
