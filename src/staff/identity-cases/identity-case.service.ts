import { Injectable } from '@nestjs/common';
import { todayInChina } from '../../accounts/accounts.streams';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { Principal } from '../../infrastructure/http/principal';
import { ConflictError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { assertNever } from '../../shared/decider';
import type { CommandContext } from '../../shared/messages';
import { AccountDecisionsService, type IssuedResetCode } from '../account-decisions/account-decisions.service';
import { assertInScope } from '../staff-scope';
import { type IdentityCaseCommand, identityCaseDecider } from './identity-case.decider';
import type { IdentityCaseDecision, StaffRef } from './identity-case.events';
import { IdentityCaseQueries } from './identity-case.queries';

export type CaseAction =
  | { type: 'ReassignIdentity'; mode: 'registerAnew' | 'handOver'; reason: string }
  | { type: 'SuspendHolder'; reason: string }
  | { type: 'DismissCase'; reason: string };

export interface CaseDecisionResult {
  decisionId: string;
  revision: string;
  position: string | null;
  /** Hand-over only: the one-time code for the person present, shown once. */
  resetCode: IssuedResetCode | null;
}

/** Two staff on one case: the second learns the case moved on (a decision or a new attempt). */
export class CaseChangedError extends ConflictError {
  constructor() {
    super('CASE_CHANGED', '案件已变更：其他工作人员刚刚处理了此案件，或出现了新的注册尝试。请查看最新记录后再决定。');
  }
}

const HANDOVER_NOTICE =
  '工作人员已在现场核验您的身份，并将本账户交由您本人使用。请核对账户中的个人信息，如有不符请及时修改。';
// The day as the candidate lives it (Beijing), not the UTC day of the ISO instant.
export const dismissNotice = (attempts: number, at: string) =>
  `有人曾使用您的证件号码尝试注册（共 ${attempts} 次）。工作人员已于 ${todayInChina(new Date(at))} 核实处理，您的账户不受影响。`;

/**
 * Staff decisions on a contested identity: appended to the identity stream at the revision the
 * staff member saw (one of two concurrent decisions wins), then carried to the holding account.
 */
@Injectable()
export class IdentityCaseService {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly accounts: AccountDecisionsService,
    private readonly queries: IdentityCaseQueries,
  ) {}

  async decide(
    identityStream: string,
    action: CaseAction,
    expectedRevision: bigint,
    principal: Principal,
    context: CommandContext,
  ): Promise<CaseDecisionResult> {
    assertInScope(principal, await this.queries.areaOf(identityStream));
    const staff: StaffRef = { id: principal.id, username: principal.username };
    const decisionId = newId();
    const command: IdentityCaseCommand = { ...action, decisionId, staff, now: context.now };
    let result;
    try {
      result = await this.handler.handle(identityStream, identityCaseDecider, command, context, { expectedRevision });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new CaseChangedError();
      throw error;
    }
    const resetCode = await this.followUp(identityStream, result.events[0] as IdentityCaseDecision, context);
    return {
      decisionId,
      revision: result.revision.toString(),
      position: result.position?.toString() ?? null,
      resetCode,
    };
  }

  /**
   * The decision's consequences for the accounts, idempotent per decision id, so repeating it
   * (e.g. after a crash between the two streams) writes nothing twice.
   */
  async followUp(
    identityStream: string,
    decision: IdentityCaseDecision,
    context: CommandContext,
  ): Promise<IssuedResetCode | null> {
    const { decisionId, reason, staff } = decision.data;
    switch (decision.type) {
      case 'IdentityReassigned': {
        const holder = decision.data.fromCandidateId;
        await this.accounts.suspend(holder, { decisionId, reason, staff, caseStream: identityStream }, context);
        if (decision.data.mode === 'registerAnew') return null;
        await this.accounts.notify(
          holder,
          { decisionId, noticeId: `${decisionId}-handover`, message: HANDOVER_NOTICE },
          context,
        );
        return this.accounts.issueResetCode(holder, { decisionId, reason, staff }, context);
      }
      case 'IdentityHolderSuspended':
        await this.accounts.suspend(
          decision.data.candidateId,
          { decisionId, reason, staff, caseStream: identityStream },
          context,
        );
        return null;
      case 'IdentityCaseDismissed':
        await this.accounts.notify(
          decision.data.holderCandidateId,
          {
            decisionId,
            noticeId: `${decisionId}-dismissed`,
            message: dismissNotice(decision.data.attemptsReviewed, decision.data.decidedAt),
          },
          context,
        );
        return null;
      default:
        return assertNever(decision);
    }
  }
}
