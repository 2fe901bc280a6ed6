import { assertNever, type Decider } from '../../shared/decider';
import type { DomainEvent } from '../../shared/messages';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';
import { allocateTickets, type ApprovedEnrollment, type TicketAllocation } from './ticket-allocation';

/**
 * `ticketBatch-<session>`: every batch's numbers, appended with the expected revision, so two
 * batches run at once can never give one number twice.
 */
export type TicketsAllocated = DomainEvent<'TicketsAllocated', { sessionCode: string; tickets: TicketAllocation[] }>;
export type TicketBatchEvent = TicketsAllocated;
eventRegistry.registerTypes('TicketsAllocated');

export const ticketBatchStream = (sessionCode: string): string => `ticketBatch-${sessionCode}`;

export interface TicketBatchState {
  tickets: TicketAllocation[];
}

export type TicketBatchCommand = {
  type: 'AllocateTickets';
  sessionCode: string;
  year: number;
  approved: ApprovedEnrollment[];
};

export const ticketBatchDecider: Decider<TicketBatchState, TicketBatchCommand, TicketBatchEvent> = {
  initialState: () => ({ tickets: [] }),
  decide(command, state) {
    switch (command.type) {
      case 'AllocateTickets': {
        const tickets = allocateTickets(command.year, state.tickets, command.approved);
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
      case 'TicketsAllocated':
        return { tickets: [...state.tickets, ...event.data.tickets] };
      default:
        return assertNever(event.type);
    }
  },
};
