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
  const byStaff = { actor: { id: 'staff-1', role: 'staff' as const }, correlationId: 'seat-check', now: new Date() };

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
  const admin = { role: 'admin' as const };
  const staffOf = (scope: { areaCode?: string; siteCode?: string }) => ({ role: 'staff' as const, scope });
  const seatless = async (who: { role: 'admin' | 'staff' } = admin) =>
    (await app.get(SeatCheck).seatless('2027', who)).map((row) => row.candidateId);

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
    expect(await seatless(staffOf({ siteCode: '1101' }))).toEqual(['check-a']);
    expect(await seatless(staffOf({ siteCode: '1102' }))).toEqual([]);
    const [row] = await app.get(SeatCheck).seatless('2027', admin);
    expect(row).toMatchObject({
      seat: { siteCode: '1101', seatHoldId },
      siteRemaining: 0,
      status: 'submitted',
      candidateName: '考生check-a',
    });

    // The site is full: nothing is taken, and it stays listed.
    expect(await app.get(SeatCheck).restore('2027', admin, byStaff)).toEqual({ seated: 0, seatless: 1 });
    expect((await app.get(SeatLedger).held('2027', '1101')).held).toBe(2);
    expect(await seatless()).toEqual(['check-a']);

    // Staff of another site cannot seat it.
    await app.get(EnrollmentSeats).withdraw('2027', 'check-b', candidateContext('check-b'));
    expect(await app.get(SeatCheck).restore('2027', staffOf({ siteCode: '1102' }), byStaff)).toEqual({
      seated: 0,
      seatless: 0,
    });
    expect(await seatless()).toEqual(['check-a']);

    expect(await app.get(SeatCheck).restore('2027', staffOf({ areaCode: '11' }), byStaff)).toEqual({
      seated: 1,
      seatless: 0,
    });
    expect(await seatless()).toEqual([]);
    const held = await app.get(SeatLedger).held('2027', '1101');
    expect(held.holders.get('2027_check-a')).toEqual([seatHoldId]);
    const restored = (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1101'))).at(-1)!;
    expect(restored).toMatchObject({ type: 'SeatHeld', data: { enrollmentId: '2027_check-a' } });
    expect(restored.metadata.actor).toEqual(byStaff.actor);

    // A list read before someone else restored it, or before the enrollment relied on another hold: nothing is taken.
    const check = app.get(SeatCheck);
    const stale = jest.spyOn(check, 'seatless').mockResolvedValueOnce([row]);
    expect(await check.restore('2027', admin, byStaff)).toEqual({ seated: 1, seatless: 0 });
    stale.mockResolvedValueOnce([{ ...row, seat: { siteCode: '1101', seatHoldId: 'an-earlier-hold' } }]);
    expect(await check.restore('2027', admin, byStaff)).toEqual({ seated: 0, seatless: 0 });
    stale.mockRestore();
    expect((await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1101'))).at(-1)!.id).toBe(
      restored.id,
    );
  });

  it('gives free seats to the earliest submissions first', async () => {
    const release = async (id: string) => {
      const { seatHoldId } = await app.get(EnrollmentDecisions).load('2027', id);
      await app.get(SeatLedger).execute(
        {
          type: 'ReleaseSeat',
          sessionCode: '2027',
          siteCode: '1101',
          enrollmentId: `2027_${id}`,
          holdId: seatHoldId!,
          reason: 'healed',
        },
        byStaff,
      );
    };
    // check-a (submitted first) and check-d lose their seats; check-f and check-g fill the site.
    await release('check-a');
    await release('check-d');
    await submitted('check-f', '1101');
    await submitted('check-g', '1101');
    await caughtUp();
    expect(await seatless()).toEqual(['check-a', 'check-d']);
    await app.get(EnrollmentSeats).withdraw('2027', 'check-f', candidateContext('check-f'));
    expect(await app.get(SeatCheck).restore('2027', admin, byStaff)).toEqual({ seated: 1, seatless: 1 });
    expect(await seatless()).toEqual(['check-d']);
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
    expect(await seatless()).not.toContain('check-e'); // check-d, of the test before, still is
  });
});
