import { DomainError } from '../../shared/errors';
import { MAX_SEQUENCE, ticketNumber } from './ticket-number';

export const SEATS_PER_ROOM = 30;

export interface TicketAllocation {
  enrollmentId: string;
  ticketNumber: string;
  siteCode: string;
  room: number;
  seat: number;
}

export interface ApprovedEnrollment {
  enrollmentId: string;
  siteCode: string;
  categoryCode: string;
  submittedAt: string;
}

/**
 * Numbers the approved enrollments not yet numbered, continuing after what earlier batches gave:
 * sequences per site and category, then rooms of 30 per site in ticket-number order.
 */
export function allocateTickets(
  year: number,
  earlier: TicketAllocation[],
  approved: ApprovedEnrollment[],
): TicketAllocation[] {
  const done = new Set(earlier.map((allocation) => allocation.enrollmentId));
  const fresh = approved
    .filter((enrollment) => !done.has(enrollment.enrollmentId))
    .sort(
      (a, b) =>
        a.siteCode.localeCompare(b.siteCode) ||
        a.categoryCode.localeCompare(b.categoryCode) ||
        a.submittedAt.localeCompare(b.submittedAt) ||
        a.enrollmentId.localeCompare(b.enrollmentId),
    );

  const lastSequence = new Map<string, number>();
  const seatsTaken = new Map<string, number>();
  for (const allocation of earlier) {
    const key = `${allocation.siteCode}:${allocation.ticketNumber.slice(6, 9)}`;
    lastSequence.set(key, Math.max(lastSequence.get(key) ?? 0, Number(allocation.ticketNumber.slice(9, 12))));
    const taken = (allocation.room - 1) * SEATS_PER_ROOM + allocation.seat;
    seatsTaken.set(allocation.siteCode, Math.max(seatsTaken.get(allocation.siteCode) ?? 0, taken));
  }

  const numbered = fresh.map((enrollment) => {
    const key = `${enrollment.siteCode}:${enrollment.categoryCode}`;
    const sequence = (lastSequence.get(key) ?? 0) + 1;
    if (sequence > MAX_SEQUENCE)
      throw new DomainError(
        'TICKET_SEQUENCE_EXHAUSTED',
        `考点${enrollment.siteCode}类别${enrollment.categoryCode}的准考证号已用完`,
      );
    lastSequence.set(key, sequence);
    return { ...enrollment, ticketNumber: ticketNumber(year, enrollment.siteCode, enrollment.categoryCode, sequence) };
  });

  return numbered
    .sort((a, b) => a.ticketNumber.localeCompare(b.ticketNumber))
    .map(({ enrollmentId, siteCode, ticketNumber: number }) => {
      const index = seatsTaken.get(siteCode) ?? 0;
      seatsTaken.set(siteCode, index + 1);
      return {
        enrollmentId,
        ticketNumber: number,
        siteCode,
        room: Math.floor(index / SEATS_PER_ROOM) + 1,
        seat: (index % SEATS_PER_ROOM) + 1,
      };
    });
}
