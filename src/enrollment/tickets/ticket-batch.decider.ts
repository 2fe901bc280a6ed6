import { assertNever, type Decider } from '../../shared/decider';
import type { DomainEvent } from '../../shared/messages';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { allocateTickets, type ApprovedEnrollment, type TicketAllocation } from './ticket-allocation';

/**
 * `ticketNumbers-<year>`: every batch's numbers of the year's sessions, appended with the expected
 * revision, so two batches run at once — of one session or of two sessions of the same year, whose
 * numbers differ only in their sequence — can never give one number twice.
 */
export type TicketsAllocated = DomainEvent<'TicketsAllocated', { sessionCode: string; tickets: TicketAllocation[] }>;
export type TicketBatchEvent = TicketsAllocated;
eventRegistry.registerTypes('TicketsAllocated');

export const ticketYearStream = (year: number): string => `ticketNumbers-${year}`;

/**
 * `ticketBatch-<session>`: where versions before the year stream wrote a session's batches. Read
 * only, so that their numbers are continued and never given again; nothing is written there now.
 */
export const legacyTicketBatchStream = (sessionCode: string): string => `ticketBatch-${sessionCode}`;

export interface SessionTicket extends TicketAllocation {
  sessionCode: string;
}

export interface TicketBatchState {
  tickets: SessionTicket[];
}

export type TicketBatchCommand = {
  type: 'AllocateTickets';
  sessionCode: string;
  year: number;
  approved: ApprovedEnrollment[];
  /** The year's numbers on the legacy per-session streams. */
  legacy: SessionTicket[];
};

/** Every number of the year known to this batch: the legacy streams' and the year stream's. */
export function yearTickets(state: TicketBatchState, legacy: SessionTicket[]): SessionTicket[] {
  return [...legacy, ...state.tickets];
}

export const ticketBatchDecider: Decider<TicketBatchState, TicketBatchCommand, TicketBatchEvent> = {
  initialState: () => ({ tickets: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'AllocateTickets': {
        const all = yearTickets(state, command.legacy);
        const tickets = allocateTickets(
          command.year,
          all.filter((ticket) => ticket.sessionCode === command.sessionCode),
          command.approved,
          all.filter((ticket) => ticket.sessionCode !== command.sessionCode),
        );
        return tickets.length === 0
          ? []
          : [{ type: 'TicketsAllocated', data: { sessionCode: command.sessionCode, tickets } }];
      }
      default:
        return assertNever(command.type);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'TicketsAllocated': {
        const { sessionCode, tickets } = event.data;
        return { tickets: [...state.tickets, ...tickets.map((ticket) => ({ ...ticket, sessionCode }))] };
      }
      default:
        return assertNever(event.type);
    }
  },
};
