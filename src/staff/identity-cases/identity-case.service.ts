import { Inject, Injectable } from '@nestjs/common';
import { todayInChina } from '../../accounts/accounts.streams';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { Principal } from '../../infrastructure/http/principal';
import { ConflictError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import { assertNever } from '../../shared/decider';
import type { CommandContext } from '../../shared/messages';
import { ReleasedIdentityEnrollments } from '../../enrollment/released-identity/released-identity-enrollments';
import { AccountDecisionsService, type IssuedResetCode } from '../account-decisions/account-decisions.service';
import { assertInScope } from '../staff-scope';
import { type IdentityCaseCommand, identityCaseDecider } from './identity-case.decider';
import type { IdentityCaseDecision, StaffRef } from './identity-case.events';
import { IdentityCaseQueries } from './identity-case.queries';
import { newRegistrationCode } from './new-registration-code';

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
  /** registerAnew only: the 注册码 keeping the freed identity for the person present, shown once. */
  registrationCode: IssuedResetCode | null;
}

/** The same decision sent twice: its code, if any, was shown to the first request only. */
export class CaseDecidedByYouError extends ConflictError {
  constructor() {
    super(
      'CASE_DECIDED_BY_YOU',
      '您刚刚已作出同样的处理（表单提交了两次），本次未重复处理。若是移交账户而未看到一次性重置码，请在本页“重新发放重置码”中发放新的重置码；若是释放证件而未看到注册码，请在本页“重新发放注册码”中发放新的注册码。',
    );
  }
}

/** Two staff on one case: the second learns the case moved on (a decision or a new attempt). */
export class CaseChangedError extends ConflictError {
  constructor() {
    super('CASE_CHANGED', '案件已变更：其他工作人员刚刚处理了此案件，或出现了新的注册尝试。请查看最新记录后再决定。');
  }
}

// Says what the new owner can correct themselves: the registration data (姓名, 证件, 注册手机) stays as registered.
export const HANDOVER_NOTICE =
  '工作人员已在现场核验您的身份，并将本账户交由您本人使用。请核对账户中的信息：证件照、联系方式、工作情况、教育经历、培训经历和证书情况可在“个人信息”中修改；姓名、性别、出生日期、证件号码和注册手机不能自行修改，如有不符请联系工作人员。账户中已有的考试报名仍然保留，请在“考试报名”中核对，如非本人报名可在截止日期前放弃报考。';
const RELEASED_NOTE = '证件争议处理：证件已释放，原账户的报名作废。';
const REINSTATED = '您的账户已恢复正常使用';
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
    private readonly enrollments: ReleasedIdentityEnrollments,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const registrationCode =
      action.type === 'ReassignIdentity' && action.mode === 'registerAnew'
        ? newRegistrationCode(this.config.secrets.identityKey, identityStream, context.now)
        : null;
    const command: IdentityCaseCommand =
      action.type === 'SuspendHolder'
        ? {
            ...action,
            decisionId,
            staff,
            now: context.now,
            holderSuspended: await this.holderSuspended(identityStream),
          }
        : {
            ...action,
            decisionId,
            staff,
            now: context.now,
            ...(registrationCode ? { reservation: registrationCode.stored } : {}),
          };
    let result;
    try {
      result = await this.handler.handle(identityStream, identityCaseDecider, command, context, { expectedRevision });
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (await this.madeJustNow(identityStream, expectedRevision, action, staff)) throw new CaseDecidedByYouError();
      throw new CaseChangedError();
    }
    const { resetCode } = await this.followUp(identityStream, result.events[0] as IdentityCaseDecision, context);
    return {
      decisionId,
      revision: result.revision.toString(),
      position: result.position?.toString() ?? null,
      resetCode,
      registrationCode: registrationCode?.shown ?? null,
    };
  }

  /** The same form sent twice (a double click): the case moved on by this very decision. */
  private async madeJustNow(stream: string, seen: bigint, action: CaseAction, staff: StaffRef): Promise<boolean> {
    const since = await this.store.readStream(stream, { fromRevision: seen + 1n });
    if (since.length !== 1) return false;
    const [event] = since;
    const data = event.data as { staff?: StaffRef; reason?: string; mode?: string };
    const type = {
      ReassignIdentity: 'IdentityReassigned',
      SuspendHolder: 'IdentityHolderSuspended',
      DismissCase: 'IdentityCaseDismissed',
    }[action.type];
    return (
      event.type === type &&
      data.staff?.id === staff.id &&
      data.reason === action.reason.trim() &&
      (action.type !== 'ReassignIdentity' || data.mode === action.mode)
    );
  }

  private async holderSuspended(identityStream: string): Promise<boolean> {
    const holder = await this.queries.holderOf(identityStream);
    return holder !== null && (await this.accounts.isSuspended(holder));
  }

  /**
   * The decision's consequences for the accounts, idempotent per decision id, so repeating it
   * (e.g. after a crash between the two streams) writes nothing twice. `changed`: something was
   * written. Without `issueResetCode` (a recovery, where nobody would see the code) a hand-over's
   * code is left for staff to issue again from the case page.
   */
  async followUp(
    identityStream: string,
    decision: IdentityCaseDecision,
    context: CommandContext,
    { issueResetCode = true }: { issueResetCode?: boolean } = {},
  ): Promise<{ resetCode: IssuedResetCode | null; changed: boolean }> {
    const { decisionId, reason, staff } = decision.data;
    const wrote = (result: { events: unknown[] }) => result.events.length > 0;
    switch (decision.type) {
      case 'IdentityReassigned': {
        const holder = decision.data.fromCandidateId;
        // Until the new owner redeems the code (or for good, the identity freed): a dismissal does not lift it.
        const handOver = decision.data.mode === 'handOver' ? { handOverId: decisionId } : {};
        const suspended = await this.accounts.suspend(
          holder,
          { decisionId, reason, staff, caseStream: identityStream, liftedByDismissal: false, ...handOver },
          context,
        );
        if (decision.data.mode === 'registerAnew') {
          // Not the person's application: withdrawn, its seat freed (a hand-over keeps it for its owner).
          const withdrawn = await this.enrollments.withdrawAll(holder, `${RELEASED_NOTE}${reason}`, context);
          return { resetCode: null, changed: wrote(suspended) || withdrawn.length > 0 };
        }
        const noticed = await this.accounts.notify(
          holder,
          { decisionId, noticeId: `${decisionId}-handover`, message: HANDOVER_NOTICE },
          context,
        );
        const changed = wrote(suspended) || wrote(noticed);
        if (!issueResetCode) return { resetCode: null, changed };
        const resetCode = await this.accounts.issueResetCode(
          holder,
          { decisionId, reason, staff, caseStream: identityStream, handOverId: decisionId },
          context,
        );
        return { resetCode, changed: true };
      }
      case 'RegistrationCodeReissued':
        return { resetCode: null, changed: false };
      case 'IdentityHolderSuspended': {
        const suspended = await this.accounts.suspend(
          decision.data.candidateId,
          { decisionId, reason, staff, caseStream: identityStream, liftedByDismissal: true },
          context,
        );
        return { resetCode: null, changed: wrote(suspended) };
      }
      case 'IdentityCaseDismissed': {
        // The holder is the rightful person: a suspension this case made while examining it ends.
        const holder = decision.data.holderCandidateId;
        const lifted = await this.accounts.reinstate(
          holder,
          { decisionId, reason, staff, caseStream: identityStream, decidedAt: decision.data.decidedAt },
          context,
        );
        // Also when run again after a crash between the two: the notice tells what this dismissal did.
        const reinstated = lifted.state.decisions.includes(`reinstate:${decisionId}`);
        const message = dismissNotice(decision.data.attemptsReviewed, decision.data.decidedAt);
        const noticed = await this.accounts.notify(
          holder,
          {
            decisionId,
            noticeId: `${decisionId}-dismissed`,
            message: reinstated ? message.replace('您的账户不受影响', REINSTATED) : message,
          },
          context,
        );
        return { resetCode: null, changed: wrote(lifted) || wrote(noticed) };
      }
      default:
        return assertNever(decision);
    }
  }
}
