import { MAX_SEQUENCE, parseTicketNumber, ticketNumber } from './ticket-number';

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

/** Each enrollment's latest number: a later batch numbers an enrollment again when it moved. */
export function latestAllocations(earlier: TicketAllocation[]): Map<string, TicketAllocation> {
  return new Map(earlier.map((allocation) => [allocation.enrollmentId, allocation]));
}

/**
 * Whether a number still belongs to an approved enrollment: it is of the site and category the
 * enrollment is approved for now. One withdrawn and enrolled again elsewhere (or in another
 * category) before its number was issued needs a new one; the old stays unused.
 */
export function isCurrent(
  allocation: TicketAllocation | undefined,
  enrollment: Pick<ApprovedEnrollment, 'siteCode' | 'categoryCode'>,
): allocation is TicketAllocation {
  return (
    allocation?.siteCode === enrollment.siteCode &&
    parseTicketNumber(allocation.ticketNumber)?.categoryCode === enrollment.categoryCode
  );
}

/**
 * Numbers the approved enrollments that have no current number, continuing after what earlier
 * batches gave: sequences per site and category, then rooms of 30 per site in ticket-number
 * order. A site and category past MAX_SEQUENCE numbers no more; those enrollments are left
 * without a number (the batch reports them) and the others are numbered. `otherSessions`: the
 * numbers of the year's other sessions (一年两试): the number names the year, not the session, so
 * their sequences are continued too; their rooms are another sitting's.
 */
export function allocateTickets(
  year: number,
  earlier: TicketAllocation[],
  approved: ApprovedEnrollment[],
  otherSessions: TicketAllocation[] = [],
): TicketAllocation[] {
  const latest = latestAllocations(earlier);
  // One number per enrollment, even if the list read from the table named one twice.
  const unique = [...new Map(approved.map((enrollment) => [enrollment.enrollmentId, enrollment])).values()];
  const fresh = unique
    .filter((enrollment) => !isCurrent(latest.get(enrollment.enrollmentId), enrollment))
    .sort(
      (a, b) =>
        a.siteCode.localeCompare(b.siteCode) ||
        a.categoryCode.localeCompare(b.categoryCode) ||
        a.submittedAt.localeCompare(b.submittedAt) ||
        a.enrollmentId.localeCompare(b.enrollmentId),
    );

  const lastSequence = new Map<string, number>();
  const seatsTaken = new Map<string, number>();
  for (const allocation of [...earlier, ...otherSessions]) {
    // Numbers on the batch stream were made by ticketNumber(): they always parse.
    const { categoryCode, sequence } = parseTicketNumber(allocation.ticketNumber)!;
    const key = `${allocation.siteCode}:${categoryCode}`;
    lastSequence.set(key, Math.max(lastSequence.get(key) ?? 0, sequence));
  }
  for (const allocation of earlier) {
    const taken = (allocation.room - 1) * SEATS_PER_ROOM + allocation.seat;
    seatsTaken.set(allocation.siteCode, Math.max(seatsTaken.get(allocation.siteCode) ?? 0, taken));
  }

  const numbered = fresh.flatMap((enrollment) => {
    const key = `${enrollment.siteCode}:${enrollment.categoryCode}`;
    const sequence = (lastSequence.get(key) ?? 0) + 1;
    if (sequence > MAX_SEQUENCE) return [];
    lastSequence.set(key, sequence);
    return [
      { ...enrollment, ticketNumber: ticketNumber(year, enrollment.siteCode, enrollment.categoryCode, sequence) },
    ];
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
