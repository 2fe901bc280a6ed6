import type { IdentityEvent } from '../../accounts/identity/identity.events';
import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/errors';
import type { IdentityCaseDecision, StaffRef } from './identity-case.events';

/** A contested identity as staff see it: who holds it, and attempts not yet resolved. */
export interface IdentityCaseState {
  holder: { candidateId: string; username: string } | null;
  attempts: number;
  /** Duplicate attempts since the last resolution (reassignment or dismissal). */
  openAttempts: number;
  /**
   * A hand-over stands: the last decision, or followed only by dismissals of later attempts. Its
   * code may be issued again (lost, expired).
   */
  handedOver: boolean;
  /** That hand-over's decision id (null when none stands). */
  handOverId: string | null;
  /**
   * The last decision freed the identity for the person checked (registerAnew with a 注册码):
   * `open` until a registration is completed (`used`); `none` for any other last decision.
   */
  reservation: 'none' | 'open' | 'used';
}

interface DecisionBase {
  decisionId: string;
  reason: string;
  staff: StaffRef;
  now: Date;
}

export type IdentityCaseCommand =
  /** registerAnew: `reservation` keeps the freed identity for the person checked (their 注册码's hash). */
  | (DecisionBase & {
      type: 'ReassignIdentity';
      mode: 'registerAnew' | 'handOver';
      reservation?: { codeHash: string; expiresAt: string };
    })
  /**
   * `holderSuspended`: whether the holding account is suspended now, read from its own stream by the
   * caller (a hand-over's redeemed code or a dismissal may have lifted a suspension this case made).
   */
  | (DecisionBase & { type: 'SuspendHolder'; holderSuspended: boolean })
  | (DecisionBase & { type: 'DismissCase' })
  /** A new 注册码 for the freed identity (its hash and expiry), replacing the one given before. */
  | (DecisionBase & { type: 'ReissueRegistrationCode'; reservation: { codeHash: string; expiresAt: string } });

export type IdentityCaseEvent = IdentityEvent | IdentityCaseDecision;

export const MIN_REASON_LENGTH = 4;

export class ReasonRequiredError extends DomainError {
  constructor() {
    super('REASON_REQUIRED', `请填写处理理由（至少 ${MIN_REASON_LENGTH} 个字）`, [
      { field: 'reason', code: 'REASON_REQUIRED', message: `请填写处理理由（至少 ${MIN_REASON_LENGTH} 个字）` },
    ]);
  }
}

export class NoOpenCaseError extends DomainError {
  constructor() {
    super('NO_OPEN_CASE', '该证件没有待处理的重复注册记录');
  }
}

export class NoHolderError extends DomainError {
  constructor() {
    super('NO_HOLDER', '该证件目前没有注册账户，无需处理');
  }
}

export class AlreadySuspendedError extends DomainError {
  constructor() {
    super('ALREADY_SUSPENDED', '该账户已被暂停');
  }
}

export class NotRegisteredAnewError extends DomainError {
  constructor() {
    super('NOT_REGISTERED_ANEW', '只有已释放证件、保留给本人重新注册的案件可以重新发放注册码；请先作出处理决定');
  }
}

export class ReservationClaimedError extends DomainError {
  constructor() {
    super(
      'RESERVATION_CLAIMED',
      '证件释放后已有人完成注册，注册码不再需要，不能重新发放。若注册的不是本人，请在该证件新的重复注册记录上处理。',
    );
  }
}

function reissueRegistrationCode(
  command: Extract<IdentityCaseCommand, { type: 'ReissueRegistrationCode' }>,
  state: IdentityCaseState,
): IdentityCaseDecision[] {
  if (state.reservation === 'used') throw new ReservationClaimedError();
  if (state.reservation !== 'open') throw new NotRegisteredAnewError();
  return [
    {
      type: 'RegistrationCodeReissued',
      data: {
        decisionId: command.decisionId,
        reservation: command.reservation,
        reason: command.reason.trim(),
        staff: command.staff,
        decidedAt: command.now.toISOString(),
      },
    },
  ];
}

function decide(command: IdentityCaseCommand, state: IdentityCaseState): IdentityCaseDecision[] {
  if (command.reason.trim().length < MIN_REASON_LENGTH) throw new ReasonRequiredError();
  // No holder and no open attempt: the freed identity waits for the person checked.
  if (command.type === 'ReissueRegistrationCode') return reissueRegistrationCode(command, state);
  const holder = state.holder;
  if (!holder) throw new NoHolderError();
  if (state.openAttempts === 0) throw new NoOpenCaseError();
  const base = {
    decisionId: command.decisionId,
    reason: command.reason.trim(),
    staff: command.staff,
    decidedAt: command.now.toISOString(),
  };
  switch (command.type) {
    case 'ReassignIdentity':
      return [
        {
          type: 'IdentityReassigned',
          data: {
            ...base,
            fromCandidateId: holder.candidateId,
            fromUsername: holder.username,
            mode: command.mode,
            ...(command.mode === 'registerAnew' && command.reservation ? { reservation: command.reservation } : {}),
          },
        },
      ];
    case 'SuspendHolder':
      if (command.holderSuspended) throw new AlreadySuspendedError();
      return [
        {
          type: 'IdentityHolderSuspended',
          data: { ...base, candidateId: holder.candidateId, username: holder.username },
        },
      ];
    case 'DismissCase':
      return [
        {
          type: 'IdentityCaseDismissed',
          data: { ...base, holderCandidateId: holder.candidateId, attemptsReviewed: state.openAttempts },
        },
      ];
    default:
      return assertNever(command);
  }
}

function evolve(state: IdentityCaseState, event: IdentityCaseEvent): IdentityCaseState {
  switch (event.type) {
    case 'IdentityClaimed':
      return {
        ...state,
        holder: { candidateId: event.data.candidateId, username: event.data.username },
        handedOver: false,
        handOverId: null,
      };
    case 'IdentityClaimConfirmed':
      return state.reservation === 'open' ? { ...state, reservation: 'used' } : state;
    case 'IdentityClaimReleased':
    case 'IdentityClaimExpired':
      return { ...state, holder: null, handedOver: false, handOverId: null };
    case 'DuplicateRegistrationAttempted':
      return { ...state, attempts: state.attempts + 1, openAttempts: state.openAttempts + 1 };
    case 'IdentityReassigned':
      return {
        ...state,
        openAttempts: 0,
        holder: event.data.mode === 'registerAnew' ? null : state.holder,
        handedOver: event.data.mode === 'handOver',
        handOverId: event.data.mode === 'handOver' ? event.data.decisionId : null,
        reservation: event.data.mode === 'registerAnew' && event.data.reservation ? 'open' : 'none',
      };
    case 'RegistrationCodeReissued':
    case 'RegistrationCodeRefused':
      return state;
    case 'IdentityHolderSuspended':
      return { ...state, handedOver: false, handOverId: null, reservation: 'none' };
    case 'IdentityCaseDismissed':
      // Dismissing a later attempt confirms the holder: a hand-over still pending stands.
      return { ...state, openAttempts: 0, reservation: 'none' };
    default:
      return assertNever(event);
  }
}

/**
 * The identity stream seen as a case (guide 注意 4): staff reassign the identity, suspend the
 * holding account, or dismiss the case, each with a reason. Appended with the revision the staff
 * member saw, so two staff deciding at once cannot both win.
 */
export const identityCaseDecider: Decider<IdentityCaseState, IdentityCaseCommand, IdentityCaseEvent> = {
  initialState: () => ({
    holder: null,
    attempts: 0,
    openAttempts: 0,
    handedOver: false,
    handOverId: null,
    reservation: 'none',
  }),
  decide,
  evolve,
};
