import { assertNever, type Decider } from '../../shared/decider';
import { DomainError } from '../../shared/errors';
import { PersistentIdMap } from '../../shared/persistent-id-map';
import type { SeatEvent, SeatReleaseReason } from './seat.events';

/** Seats of one site: who holds one, and the capacity once the site stream has its own copy. */
export interface SeatState {
  capacity: number | null;
  held: number;
  /**
   * Enrollments holding a seat here, each with the holds on it (one seat however many): persistent,
   * so a hold copies one bucket, not every holder.
   */
  holders: PersistentIdMap<readonly string[]>;
}

export type SeatCommand =
  | {
      type: 'HoldSeat';
      sessionCode: string;
      siteCode: string;
      enrollmentId: string;
      /** Names this hold: the enrollment event that relies on the seat names it too. */
      holdId: string;
      /** The catalog's capacity, used until the site stream records one of its own. */
      catalogCapacity: number;
      siteOpen: boolean;
    }
  | {
      type: 'ReleaseSeat';
      sessionCode: string;
      siteCode: string;
      enrollmentId: string;
      /** The hold given up: the seat goes back only with the enrollment's last hold on it. */
      holdId: string;
      reason: SeatReleaseReason;
    }
  | { type: 'SetSeatCapacity'; sessionCode: string; siteCode: string; capacity: number };

export class SiteFullError extends DomainError {
  constructor() {
    super('SITE_FULL', '名额已满');
  }
}

export const initialSeatState = (): SeatState => ({ capacity: null, held: 0, holders: PersistentIdMap.empty() });

export function decideSeat(command: SeatCommand, state: SeatState): SeatEvent[] {
  const at = { sessionCode: command.sessionCode, siteCode: command.siteCode };
  switch (command.type) {
    case 'HoldSeat': {
      const { enrollmentId, holdId } = command;
      const holds = state.holders.get(enrollmentId);
      // The same command again (a retry) changes nothing; another command of the same enrollment
      // adds its hold to the one seat the enrollment has here.
      if (holds)
        return holds.includes(holdId) ? [] : [{ type: 'SeatHoldAdded', data: { ...at, enrollmentId, holdId } }];
      if (!command.siteOpen) throw new DomainError('SITE_CLOSED', '该考点已停止报名');
      if (state.held >= (state.capacity ?? command.catalogCapacity)) throw new SiteFullError();
      return [{ type: 'SeatHeld', data: { ...at, enrollmentId, holdId } }];
    }
    case 'ReleaseSeat': {
      const { enrollmentId, holdId, reason } = command;
      const holds = state.holders.get(enrollmentId);
      if (!holds?.includes(holdId)) return [];
      const data = { ...at, enrollmentId, holdId, reason };
      return [holds.length > 1 ? { type: 'SeatHoldDropped', data } : { type: 'SeatReleased', data }];
    }
    case 'SetSeatCapacity':
      if (command.capacity < state.held)
        throw new DomainError('CAPACITY_BELOW_HELD', `该考点已有${state.held}人报名，容量不能低于此数`);
      if (state.capacity === command.capacity) return [];
      return [{ type: 'SeatCapacitySet', data: { ...at, capacity: command.capacity } }];
    default:
      return assertNever(command);
  }
}

export function evolveSeat(state: SeatState, event: SeatEvent): SeatState {
  switch (event.type) {
    // decideSeat adds a hold only beside another and drops one only beside another; the fallbacks
    // below (a first hold counted as a seat, a last one given back) keep a stream written by other
    // code consistent with the count, as the site-occupancy projection keeps it (it counts only
    // SeatHeld and SeatReleased).
    case 'SeatHeld':
    case 'SeatHoldAdded': {
      const { enrollmentId, holdId = '' } = event.data;
      const holds = state.holders.get(enrollmentId);
      if (holds?.includes(holdId)) return state;
      const holders = state.holders.set(enrollmentId, [...(holds ?? []), holdId]);
      return { ...state, held: holds ? state.held : state.held + 1, holders };
    }
    case 'SeatHoldDropped': {
      const { enrollmentId, holdId } = event.data;
      const holds = state.holders.get(enrollmentId);
      if (!holds?.includes(holdId)) return state;
      const others = holds.filter((id) => id !== holdId);
      if (others.length > 0) return { ...state, holders: state.holders.set(enrollmentId, others) };
      return { ...state, held: state.held - 1, holders: state.holders.delete(enrollmentId) };
    }
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
