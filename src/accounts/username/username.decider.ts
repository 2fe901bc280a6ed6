import { assertNever, type Decider } from '../../shared/decider';
import { ConflictError } from '../../shared/errors';
import { isStale, type Holder } from '../reservation';
import type { UsernameEvent } from './username.events';

export interface UsernameState {
  holder: Holder;
}

export type UsernameCommand =
  | {
      type: 'ReserveUsername';
      username: string;
      candidateId: string;
      identityStream: string;
      realName: string;
      ip: string | null;
      /** Checked by the handler: the stale holder's candidate stream does not exist. */
      holderAbandoned: boolean;
      now: Date;
    }
  | { type: 'ConfirmUsername'; candidateId: string }
  | { type: 'ReleaseUsername'; candidateId: string; reason: string };

export class UsernameTakenError extends ConflictError {
  constructor() {
    super('USERNAME_TAKEN', '该用户名已被注册，请换一个');
  }
}

function decide(command: UsernameCommand, state: UsernameState): UsernameEvent[] {
  const holder = state.holder;
  switch (command.type) {
    case 'ReserveUsername': {
      const reserve: UsernameEvent = {
        type: 'UsernameReserved',
        data: {
          username: command.username,
          candidateId: command.candidateId,
          identityStream: command.identityStream,
          reservedAt: command.now.toISOString(),
        },
      };
      if (holder.status === 'free') return [reserve];
      if (holder.candidateId === command.candidateId) return [];
      if (isStale(holder, command.now) && command.holderAbandoned)
        return [{ type: 'UsernameReservationExpired', data: { candidateId: holder.candidateId } }, reserve];
      // Refused: the handler appends this record and then reports UsernameTakenError.
      return [
        {
          type: 'UsernameRequestRefused',
          data: {
            usernameTyped: command.username,
            realName: command.realName,
            attemptedAt: command.now.toISOString(),
            ip: command.ip,
          },
        },
      ];
    }
    case 'ConfirmUsername':
      if (holder.status === 'pending' && holder.candidateId === command.candidateId)
        return [{ type: 'UsernameConfirmed', data: { candidateId: command.candidateId } }];
      if (holder.status === 'confirmed' && holder.candidateId === command.candidateId) return [];
      throw new UsernameTakenError();
    case 'ReleaseUsername':
      return holder.status === 'pending' && holder.candidateId === command.candidateId
        ? [{ type: 'UsernameReleased', data: { candidateId: command.candidateId, reason: command.reason } }]
        : [];
    default:
      return assertNever(command);
  }
}

function evolve(state: UsernameState, event: UsernameEvent): UsernameState {
  switch (event.type) {
    case 'UsernameReserved':
      return {
        holder: {
          status: 'pending',
          candidateId: event.data.candidateId,
          username: event.data.username,
          since: event.data.reservedAt,
        },
      };
    case 'UsernameConfirmed':
      return state.holder.status === 'free' ? state : { holder: { ...state.holder, status: 'confirmed' } };
    case 'UsernameReleased':
    case 'UsernameReservationExpired':
      return { holder: { status: 'free' } };
    case 'UsernameRequestRefused':
      return state;
    default:
      return assertNever(event);
  }
}

/** `username-<normalized>`: at most one account per username, case-insensitively. */
export const usernameDecider: Decider<UsernameState, UsernameCommand, UsernameEvent> = {
  initialState: () => ({ holder: { status: 'free' } }),
  decide,
  evolve,
};
