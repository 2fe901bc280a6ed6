import type { DomainEvent } from '../../shared/messages';
import { eventRegistry } from '../../infrastructure/event-store/serialization/event-registry';

/** Why a seat was given back; 'healed' marks a dangling hold released by reconciliation. */
export type SeatReleaseReason = 'withdrawn' | 'site_changed' | 'submission_failed' | 'healed';

export type SeatHeld = DomainEvent<'SeatHeld', { sessionCode: string; siteCode: string; enrollmentId: string }>;
export type SeatReleased = DomainEvent<
  'SeatReleased',
  { sessionCode: string; siteCode: string; enrollmentId: string; reason: SeatReleaseReason }
>;
/** The site stream's own copy of a capacity change, so holds and the change are ordered by one stream. */
export type SeatCapacitySet = DomainEvent<
  'SeatCapacitySet',
  { sessionCode: string; siteCode: string; capacity: number }
>;

export type SeatEvent = SeatHeld | SeatReleased | SeatCapacitySet;

export const SEAT_EVENT_TYPES: ReadonlyArray<SeatEvent['type']> = ['SeatHeld', 'SeatReleased', 'SeatCapacitySet'];
eventRegistry.registerTypes(...SEAT_EVENT_TYPES);

/** One reservation stream per site and session: `site-<sessionCode>_<siteCode>`. */
export const siteStream = (sessionCode: string, siteCode: string): string => `site-${sessionCode}_${siteCode}`;
