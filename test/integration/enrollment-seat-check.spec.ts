import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import {
  ENROLLMENT_TABLE_COLLECTION,
  type EnrollmentRow,
} from '../../projections/enrollment-table/enrollment-table.projection';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { EnrollmentDecisions } from '../../src/enrollment/enrollment-decisions';
import { SeatCheck } from '../../src/enrollment/seat-check/seat-check.service';
import { EnrollmentSeats } from '../../src/enrollment/seats/enrollment-seats.service';
import { SeatLedger } from '../../src/enrollment/seats/seat-ledger.service';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import { candidateContext, readyToSubmit, startEnrollmentContext, tempDir, writeTestSeed } from './enrollment-fixture';

/** 座位核对: an enrollment that lost its seat at a site that filled meanwhile is found and seated again. */
describe('seat check', () => {
  jest.setTimeout(60_000);
  let app: INestApplicationContext;
  let remove: () => void;
  const staff = { actor: { id: 'staff-1', role: 'staff' as const }, correlationId: 'seat-check', now: new Date() };

  beforeAll(async () => {
    const temp = tempDir('enrollment-seat-check-');
    remove = temp.remove;
    app = await startEnrollmentContext(temp.dir, writeTestSeed(temp.dir, 2)); // site 1101: two seats
  });
  afterAll(async () => {
    await app.close();
    remove();
  });

  const caughtUp = async () => {
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await app.get(ProjectionRunner).waitFor(head, ['enrollment-table'], 10_000)).toBe(true);
  };
  const submitted = async (id: string, site: string) => {
    await readyToSubmit(app, id, site);
    await app.get(EnrollmentSeats).submit('2027', id, candidateContext(id));
  };
  const seatless = async (scope?: { areaCode?: string; siteCode?: string }) =>
    (await app.get(SeatCheck).seatless('2027', scope)).map((row) => row.candidateId);

  it('lists an enrollment whose relied-on hold was released, seats it again once a seat is free, by the staff member', async () => {
    await submitted('check-a', '1101');
    await submitted('check-b', '1101');
    await submitted('check-c', '1102');
    await caughtUp();
    expect(await seatless()).toEqual([]);

    // A reconciler in another process released check-a's hold; check-d took the seat before it was restored.
    const { seatHoldId } = await app.get(EnrollmentDecisions).load('2027', 'check-a');
    await app.get(SeatLedger).execute(
      {
        type: 'ReleaseSeat',
        sessionCode: '2027',
        siteCode: '1101',
        enrollmentId: '2027_check-a',
        holdId: seatHoldId ?? '',
        reason: 'healed',
      },
      { ...candidateContext('check-a'), actor: { id: 'seat-reconciler', role: 'system' } },
    );
    await submitted('check-d', '1101');
    await caughtUp();

    expect(await seatless()).toEqual(['check-a']);
    expect(await seatless({ siteCode: '1101' })).toEqual(['check-a']);
    expect(await seatless({ siteCode: '1102' })).toEqual([]);
    const [row] = await app.get(SeatCheck).seatless('2027', undefined);
    expect(row).toMatchObject({ siteCode: '1101', status: 'submitted', candidateName: '考生check-a' });

    // The site is full: nothing is taken, and it stays listed.
    expect(await app.get(SeatCheck).restore('2027', undefined, staff)).toEqual({ seated: 0, seatless: 1 });
    expect((await app.get(SeatLedger).held('2027', '1101')).held).toBe(2);
    expect(await seatless()).toEqual(['check-a']);

    // Staff of another site cannot seat it.
    await app.get(EnrollmentSeats).withdraw('2027', 'check-b', candidateContext('check-b'));
    expect(await app.get(SeatCheck).restore('2027', { siteCode: '1102' }, staff)).toEqual({ seated: 0, seatless: 0 });
    expect(await seatless()).toEqual(['check-a']);

    expect(await app.get(SeatCheck).restore('2027', { areaCode: '11' }, staff)).toEqual({ seated: 1, seatless: 0 });
    expect(await seatless()).toEqual([]);
    const held = await app.get(SeatLedger).held('2027', '1101');
    expect(held.holders.get('2027_check-a')).toEqual([seatHoldId]);
    const restored = (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1101'))).at(-1)!;
    expect(restored).toMatchObject({ type: 'SeatHeld', data: { enrollmentId: '2027_check-a' } });
    expect(restored.metadata.actor).toEqual(staff.actor);
  });

  it('does not list an enrollment the table still shows with a seat it has since given back', async () => {
    await submitted('check-e', '1102');
    await caughtUp();
    const table = await app.get<ReadStore>(READ_STORE).collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION);
    const submittedRow = (await table.get('2027_check-e'))!;
    await app.get(EnrollmentSeats).withdraw('2027', 'check-e', candidateContext('check-e'));
    await caughtUp();
    // The table lags: its row still shows the seat the withdrawal gave back.
    const current = (await table.get('2027_check-e'))!;
    await table.put(current.id, submittedRow.doc, current.position, { expectedPosition: current.position });
    expect((await table.get('2027_check-e'))!.doc.state.seatSiteCode).toBe('1102');
    expect(await seatless()).toEqual([]);
  });
});
