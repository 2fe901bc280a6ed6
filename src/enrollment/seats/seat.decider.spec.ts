import { deciderSpecification } from '../../catalog/decider-specification';
import { seatDecider, type SeatCommand } from './seat.decider';
import type { SeatEvent } from './seat.events';

const spec = deciderSpecification(seatDecider);
const at = { sessionCode: '2027', siteCode: '1101' };
const hold = (enrollmentId: string, catalogCapacity = 2, siteOpen = true): SeatCommand => ({
  type: 'HoldSeat',
  ...at,
  enrollmentId,
  catalogCapacity,
  siteOpen,
});
const held = (enrollmentId: string): SeatEvent => ({ type: 'SeatHeld', data: { ...at, enrollmentId } });
const released = (enrollmentId: string): SeatEvent => ({
  type: 'SeatReleased',
  data: { ...at, enrollmentId, reason: 'withdrawn' },
});

describe('seat decider', () => {
  it('holds a seat while there is room', () =>
    spec([held('a')])
      .when(hold('b'))
      .then([held('b')]));
  it('answers 名额已满 when every seat is held', () =>
    spec([held('a'), held('b')])
      .when(hold('c'))
      .thenThrows('SITE_FULL'));
  it('keeps one seat when the same enrollment asks twice', () =>
    spec([held('a')])
      .when(hold('a'))
      .thenNothingHappens());
  it('holds again after a release', () =>
    spec([held('a'), held('b'), released('a')])
      .when(hold('c'))
      .then([held('c')]));
  it('refuses a closed site', () =>
    spec([])
      .when(hold('a', 2, false))
      .thenThrows('SITE_CLOSED'));
  it('refuses any seat at capacity 0', () => spec([]).when(hold('a', 0)).thenThrows('SITE_FULL'));
  it('prefers its own capacity copy over the catalog', () => {
    const capacitySet: SeatEvent = { type: 'SeatCapacitySet', data: { ...at, capacity: 1 } };
    spec([capacitySet, held('a')])
      .when(hold('b', 300))
      .thenThrows('SITE_FULL');
  });
  it('releases a held seat once', () => {
    const release: SeatCommand = { type: 'ReleaseSeat', ...at, enrollmentId: 'a', reason: 'withdrawn' };
    spec([held('a')])
      .when(release)
      .then([released('a')]);
    spec([held('a'), released('a')])
      .when(release)
      .thenNothingHappens();
    spec([]).when(release).thenNothingHappens();
  });
  it('refuses a capacity below the seats held', () =>
    spec([held('a'), held('b')])
      .when({ type: 'SetSeatCapacity', ...at, capacity: 1 })
      .thenThrows('CAPACITY_BELOW_HELD'));
  it('records a capacity, once', () => {
    const capacitySet: SeatEvent = { type: 'SeatCapacitySet', data: { ...at, capacity: 5 } };
    spec([held('a')])
      .when({ type: 'SetSeatCapacity', ...at, capacity: 5 })
      .then([capacitySet]);
    spec([capacitySet])
      .when({ type: 'SetSeatCapacity', ...at, capacity: 5 })
      .thenNothingHappens();
  });
});
