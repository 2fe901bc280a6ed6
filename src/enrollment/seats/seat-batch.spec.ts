import { decideSeatBatch } from './seat-batch';
import { initialSeatState, SiteFullError, type SeatCommand } from './seat.decider';

const at = { sessionCode: '2027', siteCode: '1101' };
const hold = (enrollmentId: string): SeatCommand => ({
  type: 'HoldSeat',
  ...at,
  enrollmentId,
  holdId: `hold-${enrollmentId}`,
  catalogCapacity: 2,
  siteOpen: true,
});
const release = (enrollmentId: string): SeatCommand => ({
  type: 'ReleaseSeat',
  ...at,
  enrollmentId,
  holdId: `hold-${enrollmentId}`,
  reason: 'withdrawn',
});

describe('a batch of seat commands', () => {
  it('decides each on the state the earlier ones leave: the third of three on two seats is refused', () => {
    const { decisions, state } = decideSeatBatch([hold('a'), hold('b'), hold('c')], initialSeatState());
    expect(decisions.slice(0, 2)).toEqual([
      { events: [{ type: 'SeatHeld', data: { ...at, enrollmentId: 'a', holdId: 'hold-a' } }] },
      { events: [{ type: 'SeatHeld', data: { ...at, enrollmentId: 'b', holdId: 'hold-b' } }] },
    ]);
    expect((decisions[2] as { error: unknown }).error).toBeInstanceOf(SiteFullError);
    expect(state.capacity).toBeNull();
    expect(state.held).toBe(2);
    expect(state.holders.sortedKeys()).toEqual(['a', 'b']);
  });

  it('lets a refused command change nothing and the later ones go on: a release frees the seat for the next', () => {
    const { decisions, state } = decideSeatBatch(
      [hold('a'), hold('b'), hold('c'), release('a'), hold('c'), hold('b')],
      initialSeatState(),
    );
    expect(decisions.map((decision) => ('error' in decision ? 'refused' : decision.events.length))).toEqual([
      1,
      1,
      'refused',
      1,
      1,
      0, // b already holds its seat: a repeat keeps the one seat
    ]);
    expect(state.holders.sortedKeys()).toEqual(['b', 'c']);
    expect(state.held).toBe(2);
  });

  it('answers an empty batch with nothing and the same state', () => {
    const state = initialSeatState();
    expect(decideSeatBatch([], state)).toEqual({ decisions: [], state });
  });
});
