import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { enrollmentStream, type EnrollmentEvent } from '../../src/enrollment/enrollment.events';
import { EnrollmentQueries } from '../../src/enrollment/enrollment-queries';
import { EnrollmentSeats } from '../../src/enrollment/seats/enrollment-seats.service';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import {
  candidateContext,
  profileOf,
  readyToSubmit,
  startEnrollmentContext,
  tempDir,
  writeTestSeed,
} from './enrollment-fixture';

const SITE = '1101';
const site = { areaCode: '11', areaName: '北京市', siteCode: SITE, siteName: '东城区考点（示例）' };

/** Every step done, ready to submit: appended directly, so the test times only the submissions. */
function draftEvents(candidateId: string): EnrollmentEvent[] {
  const profile = profileOf(candidateId);
  return [
    {
      type: 'EnrollmentStarted',
      data: {
        sessionCode: '2027',
        candidateId,
        attempt: 1,
        pledgeVersion: 'v1',
        categoryCode: '110',
        categoryName: '临床执业医师',
        level: '执业医师',
      },
    },
    { type: 'BasicInfoConfirmed', data: { basicInfo: profile.basicInfo } },
    { type: 'EmploymentConfirmed', data: { employment: profile.employment! } },
    { type: 'QualificationsSelected', data: { education: profile.education, training: profile.training } },
    { type: 'CertificatesSelected', data: { certificates: [] } },
    { type: 'ExamSiteChosen', data: site },
  ];
}

describe('seat capacity under concurrent submissions', () => {
  jest.setTimeout(180_000);
  let app: INestApplicationContext;
  let store: EventStore;
  let remove: () => void;

  beforeAll(async () => {
    const temp = tempDir('enrollment-capacity-');
    remove = temp.remove;
    app = await startEnrollmentContext(temp.dir, writeTestSeed(temp.dir, 300));
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app.close();
    remove();
  });

  it('holds exactly 300 seats for 2,000 parallel submissions; the others are told 名额已满', async () => {
    const candidates = Array.from({ length: 2000 }, (_, i) => `cand${String(i).padStart(4, '0')}`);
    for (const id of candidates)
      await store.append(enrollmentStream('2027', id), toNewEvents(draftEvents(id), candidateContext(id)), 'no_stream');

    const seats = app.get(EnrollmentSeats);
    const outcomes = await Promise.allSettled(candidates.map((id) => seats.submit('2027', id, candidateContext(id))));

    const fulfilled = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) =>
      o.status === 'rejected' ? [o.reason as { code?: string; message: string }] : [],
    );
    expect(fulfilled).toHaveLength(300);
    expect(refused).toHaveLength(1700);
    expect(new Set(refused.map((error) => `${error.code} ${error.message}`))).toEqual(new Set(['SITE_FULL 名额已满']));

    const siteEvents = await store.readStream(siteStream('2027', SITE));
    const held =
      siteEvents.filter((e) => e.type === 'SeatHeld').length -
      siteEvents.filter((e) => e.type === 'SeatReleased').length;
    expect(held).toBe(300);

    // Each refused candidate is still a draft: nothing else changed.
    const refusedIds = candidates.filter((_, i) => outcomes[i].status === 'rejected');
    const sample = await store.readStream(enrollmentStream('2027', refusedIds[0]));
    expect(sample.map((e) => e.type)).not.toContain('EnrollmentSubmitted');

    // The read model agrees with the event store once it has caught up.
    const head = await store.headPosition();
    expect(await app.get(ProjectionRunner).waitFor(head, ['site-occupancy', 'enrollment-table'], 30_000)).toBe(true);
    const queries = app.get(EnrollmentQueries);
    expect(await queries.site('2027', SITE)).toMatchObject({ held: 300, capacity: 300 });
    const submittedRows = await queries.page(
      { sessionCode: '2027', siteCode: SITE, status: 'submitted', pageSize: 1 },
      undefined,
    );
    expect(submittedRows.total).toBe(300);
  });

  it('keeps one enrollment and one seat when a candidate submits twice at once', async () => {
    const id = 'twice';
    const context = candidateContext(id);
    await readyToSubmit(app, id, '1102');

    const seats = app.get(EnrollmentSeats);
    const results = await Promise.all([seats.submit('2027', id, context), seats.submit('2027', id, context)]);
    expect(results.map((r) => r.state.status)).toEqual(['submitted', 'submitted']);
    const events = await store.readStream(enrollmentStream('2027', id));
    expect(events.filter((e) => e.type === 'EnrollmentSubmitted')).toHaveLength(1);
    const siteEvents = await store.readStream(siteStream('2027', '1102'));
    expect(
      siteEvents.filter(
        (e) => e.type === 'SeatHeld' && (e.data as { enrollmentId: string }).enrollmentId === `2027_${id}`,
      ),
    ).toHaveLength(1);
  });
});

describe('seat capacity across two app processes on one store', () => {
  jest.setTimeout(180_000);

  it('holds exactly 300 seats when 2,000 submissions are split between two processes', async () => {
    const temp = tempDir('enrollment-two-processes-');
    const seed = writeTestSeed(temp.dir, 300);
    const first = await startEnrollmentContext(temp.dir, seed);
    const second = await startEnrollmentContext(temp.dir, seed);
    try {
      const store = first.get<EventStore>(EVENT_STORE);
      const candidates = Array.from({ length: 2000 }, (_, i) => `proc${String(i).padStart(4, '0')}`);
      for (const id of candidates)
        await store.append(
          enrollmentStream('2027', id),
          toNewEvents(draftEvents(id), candidateContext(id)),
          'no_stream',
        );

      const outcomes = await Promise.allSettled(
        candidates.map((id, i) =>
          (i % 2 === 0 ? first : second).get(EnrollmentSeats).submit('2027', id, candidateContext(id)),
        ),
      );
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code] : []));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(300);
      expect(new Set(refused)).toEqual(new Set(['SITE_FULL']));
      const siteEvents = await store.readStream(siteStream('2027', SITE));
      expect(siteEvents.filter((e) => e.type === 'SeatHeld')).toHaveLength(300);
      expect(siteEvents.filter((e) => e.type === 'SeatReleased')).toHaveLength(0);
    } finally {
      await first.close();
      await second.close();
      temp.remove();
    }
  });
});
