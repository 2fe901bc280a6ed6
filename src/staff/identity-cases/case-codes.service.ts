import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { Principal } from '../../infrastructure/http/principal';
import { fold } from '../../shared/decider';
import { DomainError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { CommandContext } from '../../shared/messages';
import { AccountDecisionsService, type IssuedResetCode } from '../account-decisions/account-decisions.service';
import { assertInScope } from '../staff-scope';
import { type IdentityCaseEvent, identityCaseDecider } from './identity-case.decider';
import type { IdentityCaseDecision } from './identity-case.events';
import { IdentityCaseQueries } from './identity-case.queries';
import { IdentityCaseService } from './identity-case.service';
import { issueReason } from './issue-reason';
import { newRegistrationCode } from './new-registration-code';

/**
 * A case's one-time code issued again from its page — lost in a double click, expired, voided by
 * wrong tries: the hand-over's reset code, or the freed identity's 注册码. The code before it stops
 * working. `reasonField`: where the form or body holds the reason, named by a refusal.
 */
@Injectable()
export class CaseCodesService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly accounts: AccountDecisionsService,
    private readonly queries: IdentityCaseQueries,
    private readonly cases: IdentityCaseService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Only while a hand-over stands (the case's last decision, or followed only by dismissals of
   * later attempts) and no code of it was redeemed. Its suspension is made sure of first: a
   * hand-over whose follow-ups a crash cut off must not have its code redeemed before the
   * suspension lands, which would then lock the new owner out.
   */
  async reissueHandOverCode(
    identityStream: string,
    reasonText: string,
    principal: Principal,
    context: CommandContext,
    reasonField = 'reason',
  ): Promise<IssuedResetCode> {
    assertInScope(principal, await this.queries.areaOf(identityStream));
    const reason = issueReason(reasonText, reasonField);
    const events = await this.store.readStream(identityStream);
    const state = fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]);
    if (!state.handedOver || !state.holder)
      throw new DomainError('NOT_HANDED_OVER', '只有已移交给来人的账户可以重新发放重置码；请先作出处理决定');
    const handOver = events.find(
      (event) =>
        event.type === 'IdentityReassigned' && (event.data as { decisionId: string }).decisionId === state.handOverId,
    );
    if (handOver)
      await this.cases.followUp(identityStream, handOver as unknown as IdentityCaseDecision, context, {
        issueResetCode: false,
      });
    const staff = { id: principal.id, username: principal.username };
    return this.accounts.issueResetCode(
      state.holder.candidateId,
      { decisionId: newId(), reason, staff, caseStream: identityStream, handOverId: state.handOverId },
      context,
    );
  }

  /**
   * Only while the case's last decision freed the identity (registerAnew) and no registration has
   * been completed since; the new code keeps the identity reserved for 72 h from now.
   */
  async reissueRegistrationCode(
    identityStream: string,
    reasonText: string,
    principal: Principal,
    context: CommandContext,
    reasonField = 'reason',
  ): Promise<IssuedResetCode> {
    assertInScope(principal, await this.queries.areaOf(identityStream));
    const reason = issueReason(reasonText, reasonField);
    const registrationCode = newRegistrationCode(this.config.secrets.identityKey, identityStream, context.now);
    await this.handler.handle(
      identityStream,
      identityCaseDecider,
      {
        type: 'ReissueRegistrationCode',
        decisionId: newId(),
        reason,
        staff: { id: principal.id, username: principal.username },
        now: context.now,
        reservation: registrationCode.stored,
      },
      context,
    );
    return registrationCode.shown;
  }
}
