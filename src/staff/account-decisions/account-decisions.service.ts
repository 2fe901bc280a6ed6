import { Inject, Injectable } from '@nestjs/common';
import { candidateStream } from '../../accounts/accounts.streams';
import { SessionStore } from '../../accounts/sessions/session.store';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import type { CommandContext } from '../../shared/messages';
import { ConflictError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { StaffRef } from '../identity-cases/identity-case.events';
import { newResetCode, RESET_CODE_TTL_MS, resetCodeHash } from '../reset-codes/reset-code';
import { accountDecisionDecider } from './account-decision.decider';

export interface IssuedResetCode {
  code: string;
  expiresAt: string;
}

/** Writes staff decisions to a candidate account; every step is idempotent per decision id. */
@Injectable()
export class AccountDecisionsService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly sessions: SessionStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Suspends the account and ends its sessions in the shared session store, so the holder's next
   * request (in any app process) is signed out. Sessions end whenever the account is suspended
   * now, also if it already was: repeating a decision heals a crash between the event and the
   * sessions. Not once it was lifted (a hand-over's code redeemed): the new owner stays signed in.
   */
  async suspend(
    candidateId: string,
    decision: {
      decisionId: string;
      reason: string;
      staff: StaffRef;
      caseStream: string | null;
      liftedByDismissal: boolean;
      handOverId?: string;
    },
    context: CommandContext,
  ) {
    const result = await this.handler.handle(
      candidateStream(candidateId),
      accountDecisionDecider,
      { type: 'SuspendAccount', ...decision, now: context.now },
      context,
    );
    if (result.state.suspended) await this.sessions.endAllOf(candidateId);
    return result;
  }

  notify(
    candidateId: string,
    notice: { decisionId: string; noticeId: string; message: string },
    context: CommandContext,
  ) {
    return this.handler.handle(
      candidateStream(candidateId),
      accountDecisionDecider,
      { type: 'NotifyCandidate', ...notice, now: context.now },
      context,
    );
  }

  /** Lifts a suspension that case decided (nothing if the account is not suspended by it). */
  reinstate(
    candidateId: string,
    decision: { decisionId: string; reason: string; staff: StaffRef; caseStream: string; decidedAt: string },
    context: CommandContext,
  ) {
    return this.handler.handle(
      candidateStream(candidateId),
      accountDecisionDecider,
      { type: 'ReinstateAccount', ...decision, now: context.now },
      context,
    );
  }

  /** Whether the account is suspended now, from its stream (a case decision checks it). */
  async isSuspended(candidateId: string): Promise<boolean> {
    const events = await this.store.readStream(candidateStream(candidateId));
    return fold(accountDecisionDecider, events as Parameters<typeof accountDecisionDecider.evolve>[1][]).suspended;
  }

  /**
   * The code is returned once, to be handed over in person; the stream keeps only its hash.
   * `caseStream` and `handOverId`: the case and hand-over decision it completes (null: a forgotten password).
   */
  async issueResetCode(
    candidateId: string,
    decision: {
      decisionId: string;
      reason: string;
      staff: StaffRef;
      caseStream: string | null;
      handOverId: string | null;
    },
    context: CommandContext,
  ): Promise<IssuedResetCode> {
    const code = newResetCode();
    const expiresAt = new Date(context.now.getTime() + RESET_CODE_TTL_MS);
    const result = await this.handler.handle(
      candidateStream(candidateId),
      accountDecisionDecider,
      {
        type: 'IssueResetCode',
        ...decision,
        codeId: newId(),
        codeHash: resetCodeHash(this.config.secrets.sessionKey, candidateId, code),
        expiresAt,
        now: context.now,
      },
      context,
    );
    // A repeated decision wrote nothing: this fresh code was never stored, so it must not be shown.
    if (result.events.length === 0)
      throw new ConflictError('RESET_CODE_ALREADY_ISSUED', '该决定的重置码已发放，请重新发放新的重置码');
    return { code, expiresAt: expiresAt.toISOString() };
  }
}
