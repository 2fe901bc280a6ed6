import type { ProjectionCollections, ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import type { Document } from '../../src/infrastructure/read-store/read-store.port';
import type { RecordedEvent } from '../../src/shared/messages';
import type { CatalogEvent } from '../../src/catalog/catalog.events';
import type { SeatEvent } from '../../src/enrollment/seats/seat.events';
import { updateGuarded } from './guarded-update';

export const SITE_OCCUPANCY_COLLECTION = 'site-occupancy';
export const SEAT_HOLDS_COLLECTION = 'site-seat-holds';

/** Held seats against capacity, per site and session; step 6 shows the sites with room. */
export type SiteOccupancyDocument = {
  sessionCode: string;
  siteCode: string;
  areaCode: string;
  city: string;
  name: string;
  address: string;
  capacity: number;
  held: number;
  open: boolean;
};

/**
 * One document per hold an enrollment had on a seat at a site, so reconciliation can find holds
 * nobody relies on. A release marks it (rather than deleting it) so a redelivered hold cannot
 * revive it. `holdId` is absent for holds taken before holds were named (the hold ''). `heldAt`
 * is when the store recorded the hold (of a release: when it recorded that), not when the command
 * began: the grace before a hold counts as dangling runs from its commit, however long the
 * command waited before it (for its enrollment's lock, behind a busy site).
 */
export type SeatHoldDocument = {
  sessionCode: string;
  siteCode: string;
  enrollmentId: string;
  holdId?: string;
  heldAt: string;
  released: boolean;
};

export const siteOccupancyId = (sessionCode: string, siteCode: string) => `${sessionCode}_${siteCode}`;
const holdDocumentId = ({ sessionCode, siteCode, enrollmentId, holdId }: SeatHoldData) =>
  `${sessionCode}_${siteCode}_${enrollmentId}${holdId ? `_${holdId}` : ''}`;

type SeatHoldData = Pick<SeatHoldDocument, 'sessionCode' | 'siteCode' | 'enrollmentId' | 'holdId'>;
const HOLD_EVENTS = new Set(['SeatHeld', 'SeatHoldAdded', 'SeatHoldDropped', 'SeatReleased']);
const RELEASES = new Set(['SeatHoldDropped', 'SeatReleased']);

type Handled = Extract<
  CatalogEvent | SeatEvent,
  {
    type:
      | 'ExamSiteOpened'
      | 'SiteCapacityChanged'
      | 'ExamSiteClosed'
      | 'ExamSiteReopened'
      | 'SeatHeld'
      | 'SeatHoldAdded'
      | 'SeatHoldDropped'
      | 'SeatReleased'
      | 'SeatCapacitySet';
  }
>;

function change(event: Handled, doc: SiteOccupancyDocument | null): SiteOccupancyDocument | null {
  const blank = (sessionCode: string, siteCode: string): SiteOccupancyDocument => ({
    sessionCode,
    siteCode,
    areaCode: siteCode.slice(0, 2),
    city: '',
    name: siteCode,
    address: '',
    capacity: 0,
    held: 0,
    open: true,
  });
  switch (event.type) {
    case 'ExamSiteOpened': {
      const { sessionCode, code, areaCode, city, name, address, capacity } = event.data;
      return { ...(doc ?? blank(sessionCode, code)), areaCode, city, name, address, capacity, open: true };
    }
    case 'SiteCapacityChanged':
    case 'SeatCapacitySet':
      return { ...(doc ?? blank(event.data.sessionCode, event.data.siteCode)), capacity: event.data.capacity };
    case 'ExamSiteClosed':
      return doc && { ...doc, open: false };
    case 'ExamSiteReopened':
      return doc && { ...doc, open: true };
    case 'SeatHeld': {
      const current = doc ?? blank(event.data.sessionCode, event.data.siteCode);
      return { ...current, held: current.held + 1 };
    }
    case 'SeatReleased':
      return doc && { ...doc, held: Math.max(0, doc.held - 1) };
    case 'SeatHoldAdded':
    case 'SeatHoldDropped':
      return doc; // a hold more or less on a seat already counted
  }
}

async function applyHold(event: RecordedEvent, store: ProjectionCollections): Promise<void> {
  const holds = store.collection<SeatHoldDocument>(SEAT_HOLDS_COLLECTION);
  const { sessionCode, siteCode, enrollmentId, holdId } = event.data as SeatHoldData;
  const released = RELEASES.has(event.type);
  await holds.put(
    holdDocumentId({ sessionCode, siteCode, enrollmentId, holdId }),
    { sessionCode, siteCode, enrollmentId, ...(holdId ? { holdId } : {}), heldAt: event.recordedAt, released },
    event.position,
  );
}

export const siteOccupancyProjection: ProjectionDefinition = {
  name: 'site-occupancy',
  collections: [
    {
      name: SITE_OCCUPANCY_COLLECTION,
      indexes: [
        {
          fields: [
            ['sessionCode', 1],
            ['areaCode', 1],
            ['siteCode', 1],
          ],
        },
      ],
    },
    {
      name: SEAT_HOLDS_COLLECTION,
      indexes: [
        { fields: [['enrollmentId', 1]] },
        {
          fields: [
            ['released', 1],
            ['heldAt', 1],
          ],
        },
      ],
    },
  ],
  eventTypes: [
    'ExamSiteOpened',
    'SiteCapacityChanged',
    'ExamSiteClosed',
    'ExamSiteReopened',
    'SeatHeld',
    'SeatHoldAdded',
    'SeatHoldDropped',
    'SeatReleased',
    'SeatCapacitySet',
  ] satisfies Array<Handled['type']>,
  async apply(event, store) {
    const handled = event as unknown as Handled;
    const data = handled.data as { sessionCode: string; siteCode?: string; code?: string };
    const id = siteOccupancyId(data.sessionCode, data.siteCode ?? data.code ?? '');
    await updateGuarded<SiteOccupancyDocument & Document>(
      store.collection(SITE_OCCUPANCY_COLLECTION),
      id,
      event.position,
      (doc) => change(handled, doc),
    );
    if (HOLD_EVENTS.has(handled.type)) await applyHold(event, store);
  },
};
