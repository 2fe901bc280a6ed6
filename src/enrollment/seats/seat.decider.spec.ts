import { deciderSpecification } from '../../catalog/decider-specification';
import { seatDecider, type SeatCommand } from './seat.decider';
import type { SeatEvent } from './seat.events';

const spec = deciderSpecification(seatDecider);
const at = { sessionCode: '2027', siteCode: '1101' };
/** Each enrollment's first hold is `<id>1`, a later command's `<id>2`. */
const hold = (
  enrollmentId: string,
  catalogCapacity = 2,
  siteOpen = true,
  holdId = `${enrollmentId}1`,
): SeatCommand => ({
  type: 'HoldSeat',
  ...at,
  enrollmentId,
  holdId,
  catalogCapacity,
  siteOpen,
});
const release = (enrollmentId: string, holdId = `${enrollmentId}1`): SeatCommand => ({
  type: 'ReleaseSeat',
  ...at,
  enrollmentId,
  holdId,
  reason: 'withdrawn',
});
const held = (enrollmentId: string, holdId = `${enrollmentId}1`): SeatEvent => ({
  type: 'SeatHeld',
  data: { ...at, enrollmentId, holdId },
});
const released = (enrollmentId: string, holdId = `${enrollmentId}1`): SeatEvent => ({
  type: 'SeatReleased',
  data: { ...at, enrollmentId, holdId, reason: 'withdrawn' },
});
const holdAdded = (enrollmentId: string, holdId: string): SeatEvent => ({
  type: 'SeatHoldAdded',
  data: { ...at, enrollmentId, holdId },
});
const holdDropped = (enrollmentId: string, holdId: string): SeatEvent => ({
  type: 'SeatHoldDropped',
  data: { ...at, enrollmentId, holdId, reason: 'withdrawn' },
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
  it('changes nothing when the same hold is asked for again (a retry)', () =>
    spec([held('a')])
      .when(hold('a'))
      .thenNothingHappens());
  it('adds another command’s hold to the seat the enrollment has, without a seat more, on a full site too', () =>
    spec([held('a'), held('b')])
      .when(hold('a', 2, true, 'a2'))
      .then([holdAdded('a', 'a2')]));
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
    spec([held('a')])
      .when(release('a'))
      .then([released('a')]);
    spec([held('a'), released('a')])
      .when(release('a'))
      .thenNothingHappens();
    spec([]).when(release('a')).thenNothingHappens();
  });
  it('keeps the seat while the enrollment has another hold on it, and gives it back with the last', () => {
    const twoHolds = [held('a'), holdAdded('a', 'a2')];
    spec(twoHolds)
      .when(release('a', 'a1'))
      .then([holdDropped('a', 'a1')]);
    spec([...twoHolds, holdDropped('a', 'a1')])
      .when(release('a', 'a2'))
      .then([released('a', 'a2')]);
    // The seat counted once throughout: a third enrollment still finds one of two seats free.
    spec(twoHolds)
      .when(hold('c'))
      .then([held('c')]);
    spec([...twoHolds, holdDropped('a', 'a1')])
      .when(hold('c'))
      .then([held('c')]);
  });
  it('gives back nothing for a hold the enrollment no longer has (a release decided on an older view)', () => {
    // a1 given back by a change of site, then a2 taken when the candidate came back to this site.
    spec([held('a'), holdAdded('a', 'a2'), holdDropped('a', 'a1')])
      .when(release('a', 'a1'))
      .thenNothingHappens();
    spec([held('a'), released('a'), held('a', 'a2')])
      .when(release('a', 'a1'))
      .thenNothingHappens();
  });
  it('reads holds taken before holds were named as the hold ""', () => {
    const older: SeatEvent = { type: 'SeatHeld', data: { ...at, enrollmentId: 'a' } };
    spec([older])
      .when(release('a', ''))
      .then([released('a', '')]);
    spec([older, { type: 'SeatReleased', data: { ...at, enrollmentId: 'a', reason: 'withdrawn' } }])
      .when(hold('b', 1))
      .then([held('b')]);
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
