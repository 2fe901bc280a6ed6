import type { DomainEvent } from '../../shared/messages';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';

/** Why a seat was given back; 'healed' marks a dangling hold released by reconciliation. */
export type SeatReleaseReason = 'withdrawn' | 'site_changed' | 'resubmitted' | 'submission_failed' | 'healed';

/**
 * `holdId` names the hold: the one submission or change of site that took it, and that the
 * enrollment's own event names in turn (`seatHoldId`). A release names the hold it means, so a
 * release decided on an older view of the enrollment cannot take a seat a later command relies on.
 * Absent in events written before holds were named (read as the hold '').
 */
type SeatHoldData = { sessionCode: string; siteCode: string; enrollmentId: string; holdId?: string };

/** A seat taken for the enrollment, under its first hold. */
export type SeatHeld = DomainEvent<'SeatHeld', SeatHoldData>;
/** The enrollment already held the seat: another command's hold on that same seat (no seat more). */
export type SeatHoldAdded = DomainEvent<'SeatHoldAdded', Required<SeatHoldData>>;
/** One of several holds given up; the seat stays with the enrollment under its other holds. */
export type SeatHoldDropped = DomainEvent<'SeatHoldDropped', Required<SeatHoldData> & { reason: SeatReleaseReason }>;
/** The seat given back, with its last hold (without `holdId`, in older events: with every hold). */
export type SeatReleased = DomainEvent<'SeatReleased', SeatHoldData & { reason: SeatReleaseReason }>;
/** The site stream's own copy of a capacity change, so holds and the change are ordered by one stream. */
export type SeatCapacitySet = DomainEvent<
  'SeatCapacitySet',
  { sessionCode: string; siteCode: string; capacity: number }
>;

export type SeatEvent = SeatHeld | SeatHoldAdded | SeatHoldDropped | SeatReleased | SeatCapacitySet;

export const SEAT_EVENT_TYPES: ReadonlyArray<SeatEvent['type']> = [
  'SeatHeld',
  'SeatHoldAdded',
  'SeatHoldDropped',
  'SeatReleased',
  'SeatCapacitySet',
];
eventRegistry.registerTypes(...SEAT_EVENT_TYPES);

/** One reservation stream per site and session: `site-<sessionCode>_<siteCode>`. */
export const siteStream = (sessionCode: string, siteCode: string): string => `site-${sessionCode}_${siteCode}`;
