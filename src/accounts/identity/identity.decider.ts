import { assertNever, type Decider } from '../../shared/decider';
import { ConflictError, DomainError } from '../../shared/errors';
import { isStale, type Holder } from '../reservation';
import { IDENTITY_EVENT_TYPES, type IdentityEvent } from './identity.events';

export interface IdentityState {
  holder: Holder;
  duplicateAttempts: number;
  /** Freed by staff for the person they checked (registerAnew): claimed only with the 注册码. */
  reservation: { codeHash: string; expiresAt: string; failures: number } | null;
}

/**
 * Wrong 注册码 tolerated per code, then it is void until staff issue another (as a reset code is):
 * guessing is bounded per identity, not only per address, whatever the addresses a guesser has.
 */
export const MAX_REGISTRATION_CODE_FAILURES = 5;

export type IdentityCommand =
  | {
      type: 'ClaimIdentity';
      candidateId: string;
      username: string;
      realName: string;
      ip: string | null;
      holderAbandoned: boolean;
      /** Keyed hash of the 注册码 typed (null: none typed). */
      reservationCodeHash: string | null;
      now: Date;
    }
  /** Registering with a reserved identity, before the username is taken: a wrong code is recorded. */
  | { type: 'CheckRegistrationCode'; reservationCodeHash: string | null; ip: string | null; now: Date }
  | { type: 'ConfirmIdentityClaim'; candidateId: string }
  | { type: 'ReleaseIdentityClaim'; candidateId: string; reason: string };

/** First and last character only, so the message cannot be used to harvest usernames. */
export function maskUsername(username: string): string {
  const chars = Array.from(username);
  return chars.length <= 1 ? '*' : `${chars[0]}****${chars[chars.length - 1]}`;
}

/** The guide's exact message (第一步 注意 4), with the holder's username masked. */
export class IdentityAlreadyRegisteredError extends ConflictError {
  constructor(readonly maskedUsername: string) {
    super(
      'IDENTITY_ALREADY_REGISTERED',
      `已经以用户名${maskedUsername}在网站上完成了注册，请勿重复注册用户信息。` +
        `(若用户名${maskedUsername}非您本人注册，请您在资格审核期间，携本人身份证明和相关报名材料到资格审核现场处理。)`,
    );
  }
}

/** Staff freed this identity for the person they checked; it takes the code they were given. */
export class IdentityReservedError extends DomainError {
  constructor(typed: boolean) {
    const message = typed
      ? '注册码不正确。请核对工作人员提供的注册码（不区分大小写）'
      : '该证件号码已由资格审核现场的工作人员核验后保留给本人注册，请填写工作人员提供的注册码';
    super('IDENTITY_RESERVED', message, [{ field: 'reservationCode', code: 'IDENTITY_RESERVED', message }]);
  }
}

/** Too many wrong 注册码: the one given is void, and staff issue another on the case page. */
export class RegistrationCodeVoidedError extends DomainError {
  constructor() {
    const message = '该证件的注册码输错次数过多，已作废。请携本人身份证明到资格审核现场，由工作人员重新发放注册码';
    super('REGISTRATION_CODE_VOIDED', message, [
      { field: 'reservationCode', code: 'REGISTRATION_CODE_VOIDED', message },
    ]);
  }
}

const activeReservation = (state: IdentityState, now: Date) =>
  state.reservation && new Date(state.reservation.expiresAt) > now ? state.reservation : null;

/** Whether a 注册码 is needed and was not given rightly (an expired reservation frees the identity). */
export function reservationRefuses(state: IdentityState, codeHash: string | null, now: Date): boolean {
  const reservation = activeReservation(state, now);
  if (!reservation) return false;
  return reservation.failures >= MAX_REGISTRATION_CODE_FAILURES || codeHash !== reservation.codeHash;
}

/**
 * A claim of a reserved identity: null when the code opens it (or none is needed), a recorded
 * refusal for a wrong code typed (the caller reports it); no code typed, or a voided one, throws.
 */
function refuseReservedClaim(
  state: IdentityState,
  command: { reservationCodeHash: string | null; ip: string | null; now: Date },
): IdentityEvent[] | null {
  const reservation = activeReservation(state, command.now);
  if (!reservation) return null;
  if (reservation.failures >= MAX_REGISTRATION_CODE_FAILURES) throw new RegistrationCodeVoidedError();
  if (command.reservationCodeHash === reservation.codeHash) return null;
  if (command.reservationCodeHash === null) throw new IdentityReservedError(false);
  return [{ type: 'RegistrationCodeRefused', data: { at: command.now.toISOString(), ip: command.ip } }];
}

function decide(command: IdentityCommand, state: IdentityState): IdentityEvent[] {
  const holder = state.holder;
  switch (command.type) {
    case 'ClaimIdentity': {
      const claim: IdentityEvent = {
        type: 'IdentityClaimed',
        data: {
          candidateId: command.candidateId,
          username: command.username,
          realName: command.realName,
          claimedAt: command.now.toISOString(),
        },
      };
      if (holder.status === 'free') return refuseReservedClaim(state, command) ?? [claim];
      if (holder.candidateId === command.candidateId) return [];
      if (isStale(holder, command.now) && command.holderAbandoned)
        return (
          refuseReservedClaim(state, command) ?? [
            { type: 'IdentityClaimExpired', data: { candidateId: holder.candidateId } },
            claim,
          ]
        );
      // Refused: recorded for staff (when, IP, name and username typed); the handler then reports it.
      return [
        {
          type: 'DuplicateRegistrationAttempted',
          data: {
            attemptedAt: command.now.toISOString(),
            ip: command.ip,
            realNameTyped: command.realName,
            usernameTyped: command.username,
            holderCandidateId: holder.candidateId,
            holderUsername: holder.username,
          },
        },
      ];
    }
    case 'CheckRegistrationCode':
      return refuseReservedClaim(state, command) ?? [];
    case 'ConfirmIdentityClaim':
      if (holder.status === 'pending' && holder.candidateId === command.candidateId)
        return [{ type: 'IdentityClaimConfirmed', data: { candidateId: command.candidateId } }];
      if (holder.status === 'confirmed' && holder.candidateId === command.candidateId) return [];
      throw new IdentityAlreadyRegisteredError(holder.status === 'free' ? '*' : maskUsername(holder.username));
    case 'ReleaseIdentityClaim':
      return holder.status === 'pending' && holder.candidateId === command.candidateId
        ? [{ type: 'IdentityClaimReleased', data: { candidateId: command.candidateId, reason: command.reason } }]
        : [];
    default:
      return assertNever(command);
  }
}

const OWN_TYPES: readonly string[] = IDENTITY_EVENT_TYPES;

function evolve(state: IdentityState, event: IdentityEvent): IdentityState {
  // Staff decisions (contest, reassignment) are written to this stream by their own slice.
  if (!OWN_TYPES.includes(event.type)) return state;
  switch (event.type) {
    case 'IdentityClaimed':
      return {
        ...state,
        holder: {
          status: 'pending',
          candidateId: event.data.candidateId,
          username: event.data.username,
          since: event.data.claimedAt,
        },
      };
    case 'IdentityClaimConfirmed':
      // The reservation is used up once the person's registration is complete, not at its first step.
      return state.holder.status === 'free'
        ? state
        : { ...state, holder: { ...state.holder, status: 'confirmed' }, reservation: null };
    case 'IdentityClaimReleased':
    case 'IdentityClaimExpired':
      return { ...state, holder: { status: 'free' } };
    case 'DuplicateRegistrationAttempted':
      return { ...state, duplicateAttempts: state.duplicateAttempts + 1 };
    case 'IdentityReassigned':
      // Freed for the rightful person to register; a hand-over keeps the holding account.
      return event.data.mode === 'registerAnew'
        ? {
            ...state,
            holder: { status: 'free' },
            reservation: event.data.reservation ? { ...event.data.reservation, failures: 0 } : null,
          }
        : state;
    case 'RegistrationCodeReissued':
      return { ...state, reservation: { ...event.data.reservation, failures: 0 } };
    case 'RegistrationCodeRefused':
      return state.reservation
        ? { ...state, reservation: { ...state.reservation, failures: state.reservation.failures + 1 } }
        : state;
    default:
      return assertNever(event);
  }
}

/** `identity-<idType>-<hash>`: at most one account per identity document. */
export const identityDecider: Decider<IdentityState, IdentityCommand, IdentityEvent> = {
  initialState: () => ({ holder: { status: 'free' }, duplicateAttempts: 0, reservation: null }),
  decide,
  evolve,
};
