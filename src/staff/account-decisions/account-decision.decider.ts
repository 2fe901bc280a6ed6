import type {
  AccountReinstated,
  AccountSuspended,
  CandidateRegistered,
  PasswordChanged,
  SecurityQuestionChanged,
} from '../../accounts/accounts.events';
import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/errors';
import type { StaffRef } from '../identity-cases/identity-case.events';
import { ACCOUNT_DECISION_EVENT_TYPES, type AccountDecisionEvent } from './account-decision.events';

/** Wrong codes tolerated per issued code; then it is void and staff must issue a new one. */
export const MAX_CODE_FAILURES = 5;

interface IssuedCode {
  codeId: string;
  codeHash: string;
  expiresAt: string;
  used: boolean;
  /** When it was used (absent in folds of older code versions: no double click is recognised). */
  redeemedAt?: string;
  failures: number;
  handOverId: string | null;
}

/** A form sent again within this time, with the code and password just set, is the same request. */
export const REDEEM_DOUBLE_CLICK_MS = 2 * 60_000;

export interface AccountDecisionState {
  registered: boolean;
  suspended: boolean;
  /** The identity case whose decision suspended the account (null: none, or not by a case). */
  suspendedByCase: string | null;
  /** Whether that case's dismissal lifts the suspension (a 暂停), or only a redeemed code does. */
  liftedByDismissal: boolean;
  /** When the suspension in force began (null: not suspended). */
  suspendedAt: string | null;
  /** Follow-ups already written (`suspend:`/`code:`/`reinstate:` + decision id, `notice:` + notice id). */
  decisions: string[];
  code: IssuedCode | null;
  /** Hand-overs whose code was redeemed: the account is the new owner's, no code is issued for them again. */
  handOversCompleted: string[];
  pendingNotices: Array<{ noticeId: string; message: string; issuedAt: string }>;
}

interface StaffDecision {
  decisionId: string;
  reason: string;
  staff: StaffRef;
  now: Date;
}

export type AccountDecisionCommand =
  /** `handOverId`: the hand-over whose suspension this is; once its code was redeemed it suspends nothing. */
  | (StaffDecision & {
      type: 'SuspendAccount';
      caseStream: string | null;
      liftedByDismissal: boolean;
      handOverId?: string;
    })
  /**
   * Lifts the suspension made by that case only, if a dismissal may (one made by 暂停账户), and
   * only one made before the dismissal was decided (a follow-up run again late lifts no newer one).
   */
  | (StaffDecision & { type: 'ReinstateAccount'; caseStream: string; decidedAt: string })
  /**
   * `caseStream`: issued by that case's hand-over; null for a forgotten password. `handOverId`: the
   * hand-over decision the code completes (null: a forgotten password).
   */
  | (StaffDecision & {
      type: 'IssueResetCode';
      codeId: string;
      codeHash: string;
      expiresAt: Date;
      caseStream: string | null;
      handOverId: string | null;
    })
  | { type: 'NotifyCandidate'; decisionId: string; noticeId: string; message: string; now: Date }
  | {
      type: 'RedeemResetCode';
      codeHash: string;
      passwordHash: string;
      /** A new 密码查询问题 and answer: the one recorded may be known to whoever held the account before. */
      securityQuestion: string;
      securityAnswerHash: string;
      /**
       * A code used under two minutes before may be the same form sent again (a double click): then
       * nothing is written, and the handler compares the form with what the account holds now; it
       * sends the command again without this to record the refusal if it is not the same form.
       */
      recognizeRepeat?: boolean;
      ip: string | null;
      now: Date;
    }
  | { type: 'AcknowledgeNotices'; now: Date };

type OwnEvent =
  | AccountDecisionEvent
  | CandidateRegistered
  | PasswordChanged
  | SecurityQuestionChanged
  | AccountSuspended
  | AccountReinstated;

export class CandidateAccountMissingError extends DomainError {
  override readonly httpStatus = 404;
  constructor() {
    super('ACCOUNT_NOT_FOUND', '账户不存在');
  }
}

export class ResetCodeInvalidError extends DomainError {
  constructor() {
    super('RESET_CODE_INVALID', '用户名或重置码不正确，或重置码已过期、已使用', [
      { field: 'code', code: 'RESET_CODE_INVALID', message: '重置码不正确，或已过期、已使用' },
    ]);
  }
}

/**
 * Redeeming a code reinstates the account, so a code for a forgotten password must not quietly end
 * a suspension an identity case decided: that is the case's to lift (dismiss or hand over).
 */
export class SuspendedByCaseError extends DomainError {
  constructor() {
    super(
      'SUSPENDED_BY_CASE',
      '该账户因证件争议已被暂停，不能单独发放重置码：请在该证件的争议案件中处理（核实为本人则驳回，恢复账户；交由来人使用则选择转交）',
    );
  }
}

/** The person present already set their password with this hand-over's code: the account is theirs. */
export class HandOverCompletedError extends DomainError {
  constructor() {
    super(
      'HANDOVER_COMPLETED',
      '来人已用重置码设置了新密码，账户移交已完成，不再为此移交发放重置码。如本人忘记密码，请按忘记密码为其发放重置码。',
    );
  }
}

const codeUsable = (code: IssuedCode | null, now: Date): code is IssuedCode =>
  code !== null && !code.used && code.failures < MAX_CODE_FAILURES && new Date(code.expiresAt) > now;

/**
 * This code, used under two minutes before `now`: maybe a second send of the form that used it.
 * Also when `now` is before the use: a send that overlapped the first took its time when it
 * arrived, then hashed the password while the first was written.
 */
function justRedeemed(code: IssuedCode | null, codeHash: string, now: Date): boolean {
  if (!code?.used || !code.redeemedAt || code.codeHash !== codeHash) return false;
  const since = now.getTime() - Date.parse(code.redeemedAt);
  return Math.abs(since) <= REDEEM_DOUBLE_CLICK_MS;
}

function decide(command: AccountDecisionCommand, state: AccountDecisionState): OwnEvent[] {
  if (!state.registered) throw new CandidateAccountMissingError();
  const at = command.now.toISOString();
  switch (command.type) {
    case 'SuspendAccount':
      if (state.decisions.includes(`suspend:${command.decisionId}`)) return [];
      // Carried out late (a recovery, a re-issue) after the new owner took the account: it is theirs.
      if (command.handOverId && state.handOversCompleted.includes(command.handOverId)) return [];
      // Already suspended, and on terms as firm: a hand-over after 暂停 is recorded, as no dismissal may lift it.
      if (
        state.suspended &&
        (state.suspendedByCase !== command.caseStream || command.liftedByDismissal || !state.liftedByDismissal)
      )
        return [];
      return [
        {
          type: 'AccountSuspended',
          data: {
            decisionId: command.decisionId,
            reason: command.reason,
            staff: command.staff,
            caseStream: command.caseStream,
            suspendedAt: at,
            liftedByDismissal: command.liftedByDismissal,
          },
        },
      ];
    case 'ReinstateAccount':
      if (!state.suspended || state.suspendedByCase !== command.caseStream || !state.liftedByDismissal) return [];
      if (state.suspendedAt !== null && state.suspendedAt > command.decidedAt) return [];
      return [
        {
          type: 'AccountReinstated',
          data: { decisionId: command.decisionId, reason: command.reason, staff: command.staff, reinstatedAt: at },
        },
      ];
    case 'IssueResetCode':
      if (state.decisions.includes(`code:${command.decisionId}`)) return [];
      if (state.suspendedByCase !== null && state.suspendedByCase !== command.caseStream)
        throw new SuspendedByCaseError();
      if (command.handOverId !== null && state.handOversCompleted.includes(command.handOverId))
        throw new HandOverCompletedError();
      return [
        {
          type: 'ResetCodeIssued',
          data: {
            decisionId: command.decisionId,
            codeId: command.codeId,
            codeHash: command.codeHash,
            expiresAt: command.expiresAt.toISOString(),
            reason: command.reason,
            staff: command.staff,
            issuedAt: at,
            ...(command.handOverId !== null ? { handOverId: command.handOverId } : {}),
          },
        },
      ];
    case 'NotifyCandidate':
      if (state.decisions.includes(`notice:${command.noticeId}`)) return [];
      return [
        {
          type: 'CandidateNoticeIssued',
          data: { noticeId: command.noticeId, decisionId: command.decisionId, message: command.message, issuedAt: at },
        },
      ];
    case 'RedeemResetCode': {
      const code = state.code;
      if (command.recognizeRepeat && justRedeemed(code, command.codeHash, command.now)) return [];
      // Refusals are recorded (the handler then reports them), so guessing is counted.
      if (!codeUsable(code, command.now) || code.codeHash !== command.codeHash)
        return [{ type: 'ResetCodeRefused', data: { at, ip: command.ip } }];
      const events: OwnEvent[] = [
        { type: 'ResetCodeRedeemed', data: { codeId: code.codeId, redeemedAt: at, ip: command.ip } },
        { type: 'PasswordChanged', data: { passwordHash: command.passwordHash, changedAt: at } },
        {
          type: 'SecurityQuestionChanged',
          data: {
            securityQuestion: command.securityQuestion,
            securityAnswerHash: command.securityAnswerHash,
            changedAt: at,
          },
        },
      ];
      if (state.suspended)
        events.push({
          type: 'AccountReinstated',
          data: {
            decisionId: code.codeId,
            reason: '凭工作人员发放的一次性重置码重设密码',
            staff: null,
            reinstatedAt: at,
          },
        });
      return events;
    }
    case 'AcknowledgeNotices':
      if (state.pendingNotices.length === 0) return [];
      return [
        {
          type: 'CandidateNoticesShown',
          data: { noticeIds: state.pendingNotices.map((n) => n.noticeId), shownAt: at },
        },
      ];
    default:
      return assertNever(command);
  }
}

const OWN_TYPES: readonly string[] = [
  ...ACCOUNT_DECISION_EVENT_TYPES,
  'CandidateRegistered',
  'PasswordChanged',
  'SecurityQuestionChanged',
  'AccountSuspended',
  'AccountReinstated',
];

function evolve(state: AccountDecisionState, event: OwnEvent): AccountDecisionState {
  // The candidate stream also holds events of other slices (password, profile…): not ours.
  if (!OWN_TYPES.includes(event.type)) return state;
  switch (event.type) {
    case 'CandidateRegistered':
      return { ...state, registered: true };
    case 'PasswordChanged':
    case 'SecurityQuestionChanged':
      return state;
    case 'AccountSuspended':
      return {
        ...state,
        suspended: true,
        suspendedByCase: event.data.caseStream,
        liftedByDismissal: event.data.liftedByDismissal ?? true,
        suspendedAt: event.data.suspendedAt,
        decisions: [...state.decisions, `suspend:${event.data.decisionId}`],
        // A code issued before the suspension would end it when redeemed: it is void now.
        code: null,
      };
    case 'AccountReinstated':
      return {
        ...state,
        suspended: false,
        suspendedByCase: null,
        liftedByDismissal: true,
        suspendedAt: null,
        decisions: [...state.decisions, `reinstate:${event.data.decisionId}`],
      };
    case 'ResetCodeIssued':
      return {
        ...state,
        // Only a hand-over issues a code while a case keeps the account suspended: that suspension
        // waits for the code, whatever an older AccountSuspended (without the flag) implied.
        liftedByDismissal: state.suspendedByCase !== null ? false : state.liftedByDismissal,
        decisions: [...state.decisions, `code:${event.data.decisionId}`],
        code: {
          codeId: event.data.codeId,
          codeHash: event.data.codeHash,
          expiresAt: event.data.expiresAt,
          used: false,
          failures: 0,
          handOverId: event.data.handOverId ?? null,
        },
      };
    case 'ResetCodeRedeemed': {
      if (!state.code) return state;
      const handOverId = state.code.handOverId;
      return {
        ...state,
        code: { ...state.code, used: true, redeemedAt: event.data.redeemedAt },
        handOversCompleted: handOverId ? [...state.handOversCompleted, handOverId] : state.handOversCompleted,
      };
    }
    case 'ResetCodeRefused':
      return state.code ? { ...state, code: { ...state.code, failures: state.code.failures + 1 } } : state;
    case 'CandidateNoticeIssued':
      return {
        ...state,
        decisions: [...state.decisions, `notice:${event.data.noticeId}`],
        pendingNotices: [
          ...state.pendingNotices,
          { noticeId: event.data.noticeId, message: event.data.message, issuedAt: event.data.issuedAt },
        ],
      };
    case 'CandidateNoticesShown':
      return {
        ...state,
        pendingNotices: state.pendingNotices.filter((n) => !event.data.noticeIds.includes(n.noticeId)),
      };
    default:
      return assertNever(event);
  }
}

/**
 * The staff side of a candidate account (`candidate-<id>`): suspension, one-time reset codes and
 * notices shown at the next login. Every staff command carries a decision id, so a retried
 * follow-up of a case decision writes nothing twice.
 */
export const accountDecisionDecider: Decider<AccountDecisionState, AccountDecisionCommand, OwnEvent> = {
  initialState: () => ({
    registered: false,
    suspended: false,
    suspendedByCase: null,
    liftedByDismissal: true,
    suspendedAt: null,
    decisions: [],
    code: null,
    handOversCompleted: [],
    pendingNotices: [],
  }),
  decide,
  evolve,
};
