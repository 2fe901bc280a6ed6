import { allocateTickets, SEATS_PER_ROOM, type ApprovedEnrollment } from './ticket-allocation';
import {
  ticketBatchDecider,
  type SessionTicket,
  type TicketBatchCommand,
  type TicketBatchEvent,
} from './ticket-batch.decider';
import { isValidTicketNumber, luhnCheckDigit, parseTicketNumber, ticketNumber } from './ticket-number';

const approved = (n: number, siteCode = '1101', categoryCode = '110'): ApprovedEnrollment[] =>
  Array.from({ length: n }, (_, i) => ({
    enrollmentId: `2027_${siteCode}_${categoryCode}_${String(i).padStart(3, '0')}`,
    siteCode,
    categoryCode,
    submittedAt: `2027-01-10T00:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
  }));

describe('ticket numbers', () => {
  it('encode year, area, site, category and sequence in 13 digits with a Luhn check digit', () => {
    const number = ticketNumber(2027, '1101', '110', 7);
    expect(number).toHaveLength(13);
    expect(number.slice(0, 12)).toBe('271101110007');
    expect(parseTicketNumber(number)).toEqual({
      year: 27,
      areaCode: '11',
      siteCode: '1101',
      categoryCode: '110',
      sequence: 7,
    });
    expect(isValidTicketNumber(number)).toBe(true);
  });
  it('computes the Luhn digit of a known example', () => expect(luhnCheckDigit('7992739871')).toBe(3));
  it('detects a mistyped digit', () => {
    const number = ticketNumber(2027, '1101', '110', 7);
    const typo = number.slice(0, 5) + String((Number(number[5]) + 1) % 10) + number.slice(6);
    expect(isValidTicketNumber(typo)).toBe(false);
  });
});

describe('ticket allocation', () => {
  it('numbers per site and category in submission order and seats 30 to a room in number order', () => {
    const tickets = allocateTickets(2027, [], [...approved(31, '1101', '210'), ...approved(2, '1101', '110')]);
    expect(tickets).toHaveLength(33);
    expect(tickets.map((t) => t.ticketNumber)).toEqual([...tickets.map((t) => t.ticketNumber)].sort());
    expect(tickets[0]).toMatchObject({ ticketNumber: ticketNumber(2027, '1101', '110', 1), room: 1, seat: 1 });
    expect(tickets[2]).toMatchObject({ ticketNumber: ticketNumber(2027, '1101', '210', 1), room: 1, seat: 3 });
    expect(tickets[SEATS_PER_ROOM]).toMatchObject({ room: 2, seat: 1 });
    expect(new Set(tickets.map((t) => `${t.room}-${t.seat}`)).size).toBe(33);
  });
  it('gives nothing new to enrollments already numbered, and continues after them', () => {
    const first = allocateTickets(2027, [], approved(2));
    expect(allocateTickets(2027, first, approved(2))).toEqual([]);
    const more = allocateTickets(2027, first, approved(3));
    expect(more).toEqual([
      expect.objectContaining({ ticketNumber: ticketNumber(2027, '1101', '110', 3), room: 1, seat: 3 }),
    ]);
  });
  it('numbers an enrollment listed twice once', () => {
    const [one, two] = approved(2);
    const numbered = allocateTickets(2027, [], [one, two, one]);
    expect(numbered.map((ticket) => [ticket.enrollmentId, ticket.seat])).toEqual([
      [one.enrollmentId, 1],
      [two.enrollmentId, 2],
    ]);
  });
  it('keeps each site’s rooms apart', () => {
    const tickets = allocateTickets(2027, [], [...approved(1, '1101'), ...approved(1, '1102')]);
    expect(tickets.map((t) => [t.siteCode, t.room, t.seat])).toEqual([
      ['1101', 1, 1],
      ['1102', 1, 1],
    ]);
  });
  it('numbers again an enrollment approved at another site or in another category than its earlier number', () => {
    const [moved, recategorised, stayed] = approved(3);
    const first = allocateTickets(2027, [], [moved, recategorised, stayed]);
    // Withdrawn before the numbers were issued, then enrolled and approved again.
    const again = [
      { ...moved, siteCode: '1102' },
      { ...recategorised, categoryCode: '210' },
      { ...stayed, submittedAt: '2027-01-20T00:00:00Z' },
    ];
    const second = allocateTickets(2027, first, again);
    expect(second.map((t) => [t.enrollmentId, parseTicketNumber(t.ticketNumber)?.siteCode, t.ticketNumber])).toEqual([
      [recategorised.enrollmentId, '1101', ticketNumber(2027, '1101', '210', 1)],
      [moved.enrollmentId, '1102', ticketNumber(2027, '1102', '110', 1)],
    ]);
    // The old numbers stay unused and their seats taken: nobody else gets them.
    expect(second[0]).toMatchObject({ room: 1, seat: 4 });
    expect(allocateTickets(2027, [...first, ...second], again)).toEqual([]);
  });
  it('numbers no more than 999 per site and category, and goes on with the others', () => {
    const many = approved(1000, '1101', '110');
    const tickets = allocateTickets(2027, [], [...many, ...approved(1, '1101', '210')]);
    expect(tickets).toHaveLength(1000);
    expect(tickets.filter((t) => parseTicketNumber(t.ticketNumber)?.categoryCode === '110')).toHaveLength(999);
    expect(tickets.some((t) => t.enrollmentId === many[999].enrollmentId)).toBe(false);
    expect(tickets.find((t) => parseTicketNumber(t.ticketNumber)?.categoryCode === '210')?.ticketNumber).toBe(
      ticketNumber(2027, '1101', '210', 1),
    );
  });

  it('continues the sequences of the year’s other sessions, seating its own sitting from the first seat', () => {
    const first = allocateTickets(2027, [], approved(2));
    const resit = approved(1).map((e) => ({ ...e, enrollmentId: `2027B_${e.enrollmentId}` }));
    const [ticket] = allocateTickets(2027, [], resit, first);
    expect(ticket).toMatchObject({ ticketNumber: ticketNumber(2027, '1101', '110', 3), room: 1, seat: 1 });
  });
});

describe('the year’s ticket batches', () => {
  const command = (sessionCode: string, legacy: SessionTicket[] = []): TicketBatchCommand => ({
    type: 'AllocateTickets',
    sessionCode,
    year: 2027,
    approved: approved(1).map((e) => ({ ...e, enrollmentId: `${sessionCode}_${e.enrollmentId}` })),
    legacy,
  });
  const numbers = (events: TicketBatchEvent[]) => events.flatMap((e) => e.data.tickets.map((t) => t.ticketNumber));

  it('never gives a number twice across two sessions of the same year', () => {
    const spring = ticketBatchDecider.decide(command('2027'), ticketBatchDecider.initialState());
    const state = spring.reduce(ticketBatchDecider.evolve, ticketBatchDecider.initialState());
    const autumn = ticketBatchDecider.decide(command('2027B'), state);
    expect(numbers(autumn)).toEqual([ticketNumber(2027, '1101', '110', 2)]);
    expect(autumn[0].data.sessionCode).toBe('2027B');
    // Run again, each session's batch numbers nobody new.
    const both = autumn.reduce(ticketBatchDecider.evolve, state);
    expect(ticketBatchDecider.decide(command('2027'), both)).toEqual([]);
    expect(ticketBatchDecider.decide(command('2027B'), both)).toEqual([]);
  });

  it('continues the numbers written on the per-session streams of earlier versions, and repeats none of them', () => {
    const [old] = allocateTickets(
      2027,
      [],
      approved(1).map((e) => ({ ...e, enrollmentId: `2027_${e.enrollmentId}` })),
    );
    const legacy = [{ ...old, sessionCode: '2027' }];
    expect(ticketBatchDecider.decide(command('2027', legacy), ticketBatchDecider.initialState())).toEqual([]);
    const resit = ticketBatchDecider.decide(command('2027B', legacy), ticketBatchDecider.initialState());
    expect(numbers(resit)).toEqual([ticketNumber(2027, '1101', '110', 2)]);
  });
});
