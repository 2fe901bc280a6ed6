import { assertNever, type Decider } from '../../shared/decider';
import { ConflictError, DomainError } from '../../shared/errors';
import { isStale, type Holder } from '../reservation';
import { IDENTITY_EVENT_TYPES, type IdentityEvent } from './identity.events';

export interface IdentityState {
  holder: Holder;
  duplicateAttempts: number;
  /** Freed by staff for the person they checked (registerAnew): claimed only with the 注册码. */
  reservation: { codeHash: string; expiresAt: string } | null;
}

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

/** Whether a 注册码 is needed and was not given rightly (an expired reservation frees the identity). */
export function reservationRefuses(state: IdentityState, codeHash: string | null, now: Date): boolean {
  const reservation = state.reservation;
  if (!reservation || new Date(reservation.expiresAt) <= now) return false;
  return codeHash !== reservation.codeHash;
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
      const refuseIfReserved = () => {
        if (reservationRefuses(state, command.reservationCodeHash, command.now))
          throw new IdentityReservedError(command.reservationCodeHash !== null);
      };
      if (holder.status === 'free') {
        refuseIfReserved();
        return [claim];
      }
      if (holder.candidateId === command.candidateId) return [];
      if (isStale(holder, command.now) && command.holderAbandoned) {
        refuseIfReserved();
        return [{ type: 'IdentityClaimExpired', data: { candidateId: holder.candidateId } }, claim];
      }
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
        ? { ...state, holder: { status: 'free' }, reservation: event.data.reservation ?? null }
        : state;
    case 'RegistrationCodeReissued':
      return { ...state, reservation: event.data.reservation };
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
