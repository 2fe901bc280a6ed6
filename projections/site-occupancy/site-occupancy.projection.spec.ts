import { eventRecorder, memoryCollections } from '../testing/memory-collections';
import { SEAT_HOLDS_COLLECTION, SITE_OCCUPANCY_COLLECTION, siteOccupancyProjection } from './site-occupancy.projection';

describe('site-occupancy projection', () => {
  it('counts held seats against capacity, once per event, and keeps one hold document per seat', async () => {
    const store = memoryCollections();
    const recorded = eventRecorder('site-2027_1101');
    const at = { sessionCode: '2027', siteCode: '1101' };
    const events = [
      recorded('ExamSiteOpened', {
        sessionCode: '2027',
        code: '1101',
        areaCode: '11',
        city: '东城区',
        name: 'A',
        address: 'B',
        capacity: 3,
      }),
      recorded('SeatHeld', { ...at, enrollmentId: '2027_a' }),
      recorded('SeatHeld', { ...at, enrollmentId: '2027_b' }),
      recorded('SeatReleased', { ...at, enrollmentId: '2027_a', reason: 'withdrawn' }),
      recorded('SeatCapacitySet', { ...at, capacity: 5 }),
    ];
    for (const event of events) await siteOccupancyProjection.apply(event, store);
    for (const event of events.slice(1, 3)) await siteOccupancyProjection.apply(event, store); // redelivered

    expect(store.docs(SITE_OCCUPANCY_COLLECTION).get('2027_1101')?.doc).toMatchObject({
      held: 1,
      capacity: 5,
      open: true,
    });
    const holding = [...store.docs(SEAT_HOLDS_COLLECTION).values()].filter((hold) => !hold.doc.released);
    expect(holding.map((hold) => hold.doc.enrollmentId)).toEqual(['2027_b']);
  });

  it('shows a site stopped and then opened again as open, its seats as they were', async () => {
    const store = memoryCollections();
    const recorded = eventRecorder('exam-2027');
    const at = { sessionCode: '2027', siteCode: '1101' };
    const opened = { sessionCode: '2027', code: '1101', areaCode: '11', city: '东城区', name: 'A', address: 'B' };
    const site = () => store.docs(SITE_OCCUPANCY_COLLECTION).get('2027_1101')?.doc;
    await siteOccupancyProjection.apply(recorded('ExamSiteOpened', { ...opened, capacity: 3 }), store);
    await siteOccupancyProjection.apply(recorded('SeatHeld', { ...at, enrollmentId: '2027_a' }), store);
    await siteOccupancyProjection.apply(recorded('ExamSiteClosed', at), store);
    expect(site()).toMatchObject({ open: false, held: 1 });
    await siteOccupancyProjection.apply(recorded('ExamSiteReopened', at), store);
    expect(site()).toMatchObject({ open: true, held: 1, capacity: 3 });
  });

  it('keeps one hold document per named hold, and counts a seat with several holds once', async () => {
    const store = memoryCollections();
    const recorded = eventRecorder('site-2027_1101');
    const at = { sessionCode: '2027', siteCode: '1101' };
    const hold = { ...at, enrollmentId: '2027_a' };
    const events = [
      recorded('SeatCapacitySet', { ...at, capacity: 3 }),
      recorded('SeatHeld', { ...hold, holdId: 'h1' }),
      recorded('SeatHoldAdded', { ...hold, holdId: 'h2' }),
      recorded('SeatHoldDropped', { ...hold, holdId: 'h1', reason: 'site_changed' }),
    ];
    for (const event of events) await siteOccupancyProjection.apply(event, store);
    expect(store.docs(SITE_OCCUPANCY_COLLECTION).get('2027_1101')?.doc).toMatchObject({ held: 1 });
    const holds = () =>
      [...store.docs(SEAT_HOLDS_COLLECTION).values()].map(({ doc }) => [doc.holdId, doc.released] as const);
    expect(holds()).toEqual([
      ['h1', true],
      ['h2', false],
    ]);

    await siteOccupancyProjection.apply(
      recorded('SeatReleased', { ...hold, holdId: 'h2', reason: 'withdrawn' }),
      store,
    );
    expect(store.docs(SITE_OCCUPANCY_COLLECTION).get('2027_1101')?.doc).toMatchObject({ held: 0 });
    expect(holds()).toEqual([
      ['h1', true],
      ['h2', true],
    ]);
  });
});
