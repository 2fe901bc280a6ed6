import { decideSeat, evolveSeat, type SeatCommand, type SeatState } from './seat.decider';
import type { SeatEvent } from './seat.events';

/** What became of one command of a batch: its events, or why it was refused. */
export type SeatDecision = { events: SeatEvent[] } | { error: unknown };

/**
 * Decides seat commands one after another, each on the state the ones before it leave, as if each
 * had been written before the next arrived. A refused command (名额已满) changes nothing and does
 * not stop the others. Returns the state after all the events decided.
 */
export function decideSeatBatch(
  commands: SeatCommand[],
  state: SeatState,
): { decisions: SeatDecision[]; state: SeatState } {
  let current = state;
  const decisions = commands.map((command): SeatDecision => {
    try {
      const events = decideSeat(command, current);
      current = events.reduce(evolveSeat, current);
      return { events };
    } catch (error) {
      return { error };
    }
  });
  return { decisions, state: current };
}
