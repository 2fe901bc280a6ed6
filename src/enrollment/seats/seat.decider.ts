import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/errors';
import { PersistentIdSet } from '../../shared/persistent-id-set';
import type { SeatEvent, SeatReleaseReason } from './seat.events';

/** Seats of one site: who holds one, and the capacity once the site stream has its own copy. */
export interface SeatState {
  capacity: number | null;
  held: number;
  /** Enrollments holding a seat here: persistent, so a hold copies one bucket, not every holder. */
  holders: PersistentIdSet;
}

export type SeatCommand =
  | {
      type: 'HoldSeat';
      sessionCode: string;
      siteCode: string;
      enrollmentId: string;
      /** The catalog's capacity, used until the site stream records one of its own. */
      catalogCapacity: number;
      siteOpen: boolean;
    }
  | { type: 'ReleaseSeat'; sessionCode: string; siteCode: string; enrollmentId: string; reason: SeatReleaseReason }
  | { type: 'SetSeatCapacity'; sessionCode: string; siteCode: string; capacity: number };

export class SiteFullError extends DomainError {
  constructor() {
    super('SITE_FULL', '名额已满');
  }
}

export const initialSeatState = (): SeatState => ({ capacity: null, held: 0, holders: PersistentIdSet.empty });

export function decideSeat(command: SeatCommand, state: SeatState): SeatEvent[] {
  const { sessionCode, siteCode } = command;
  switch (command.type) {
    case 'HoldSeat': {
      // The same enrollment asking again (a retry, a double click) keeps its one seat.
      if (state.holders.has(command.enrollmentId)) return [];
      if (!command.siteOpen) throw new DomainError('SITE_CLOSED', '该考点已停止报名');
      if (state.held >= (state.capacity ?? command.catalogCapacity)) throw new SiteFullError();
      return [{ type: 'SeatHeld', data: { sessionCode, siteCode, enrollmentId: command.enrollmentId } }];
    }
    case 'ReleaseSeat':
      if (!state.holders.has(command.enrollmentId)) return [];
      return [
        {
          type: 'SeatReleased',
          data: { sessionCode, siteCode, enrollmentId: command.enrollmentId, reason: command.reason },
        },
      ];
    case 'SetSeatCapacity':
      if (command.capacity < state.held)
        throw new DomainError('CAPACITY_BELOW_HELD', `该考点已有${state.held}人报名，容量不能低于此数`);
      if (state.capacity === command.capacity) return [];
      return [{ type: 'SeatCapacitySet', data: { sessionCode, siteCode, capacity: command.capacity } }];
    default:
      return assertNever(command);
  }
}

export function evolveSeat(state: SeatState, event: SeatEvent): SeatState {
  switch (event.type) {
    case 'SeatHeld':
      if (state.holders.has(event.data.enrollmentId)) return state;
      return { ...state, held: state.held + 1, holders: state.holders.add(event.data.enrollmentId) };
    case 'SeatReleased':
      if (!state.holders.has(event.data.enrollmentId)) return state;
      return { ...state, held: state.held - 1, holders: state.holders.delete(event.data.enrollmentId) };
    case 'SeatCapacitySet':
      return { ...state, capacity: event.data.capacity };
    default:
      return assertNever(event);
  }
}

export const seatDecider: Decider<SeatState, SeatCommand, SeatEvent> = {
  initialState: initialSeatState,
  decide: decideSeat,
  evolve: evolveSeat,
};
