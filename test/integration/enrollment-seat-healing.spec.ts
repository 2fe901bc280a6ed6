import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { EnrollmentDecisions } from '../../src/enrollment/enrollment-decisions';
import { EnrollmentQueries } from '../../src/enrollment/enrollment-queries';
import { EnrollmentSteps } from '../../src/enrollment/enrollment-steps.service';
import { EnrollmentSeats } from '../../src/enrollment/seats/enrollment-seats.service';
import { SeatLedger } from '../../src/enrollment/seats/seat-ledger.service';
import { SeatReconciler } from '../../src/enrollment/seats/seat-reconciler.service';
import { SeatSweeper } from '../../src/enrollment/seats/seat-sweeper.service';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import { WrongExpectedRevisionError } from '../../src/infrastructure/event-store/event-store.errors';
import {
  candidateContext,
  readyToSubmit as readyToSubmitIn,
  startEnrollmentContext,
  tempDir,
  writeTestSeed,
} from './enrollment-fixture';

/** Seats held by a submission or change of site that stopped half way are given back. */
describe('dangling seats heal', () => {
  jest.setTimeout(60_000);
  let app: INestApplicationContext;
  let remove: () => void;

  beforeAll(async () => {
    const temp = tempDir('enrollment-healing-');
    remove = temp.remove;
    app = await startEnrollmentContext(temp.dir, writeTestSeed(temp.dir, 300));
  });
  afterAll(async () => {
    await app.close();
    remove();
  });

  const caughtUp = async () => {
    const head = await app.get<EventStore>(EVENT_STORE).headPosition();
    expect(await app.get(ProjectionRunner).waitFor(head, ['site-occupancy', 'enrollment-table'], 10_000)).toBe(true);
  };
  const heldFor = async (site: string, enrollmentId: string) =>
    (await app.get(SeatLedger).held('2027', site)).holders.has(enrollmentId);
  /** The types of the site stream's events about this enrollment, in order. */
  const seatEventsOf = async (site: string, enrollmentId: string) =>
    (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', site)))
      .filter((event) => (event.data as { enrollmentId: string }).enrollmentId === enrollmentId)
      .map((event) => event.type);

  const readyToSubmit = (id: string, site: string) => readyToSubmitIn(app, id, site);

  async function submitted(id: string, site: string) {
    await readyToSubmit(id, site);
    await app.get(EnrollmentSeats).submit('2027', id, candidateContext(id));
  }

  /** A minute from now: a hold made now is then past the grace period (it counts from the hold's commit). */
  const later = () => new Date(Date.now() + 60_000);

  /**
   * A hold for the enrollment at a site it does not reference (a crash after step one), by a
   * command that began at `began`.
   */
  async function danglingHold(id: string, site: string, began = new Date()) {
    const earlier = { ...candidateContext(id), now: began };
    await app.get(SeatLedger).execute(
      {
        type: 'HoldSeat',
        sessionCode: '2027',
        siteCode: site,
        enrollmentId: `2027_${id}`,
        holdId: `dangling-${id}`,
        catalogCapacity: 300,
        siteOpen: true,
      },
      earlier,
    );
  }

  it('the periodic sweep releases a seat nobody references and keeps the referenced one', async () => {
    await submitted('heal-a', '1102');
    // Its command began a minute ago (it waited for a lock, behind a busy site), but the hold was
    // written just now: still within the grace period, as the command may yet write its event.
    await danglingHold('heal-a', '1103', new Date(Date.now() - 60_000));
    await caughtUp();
    expect(await app.get(SeatReconciler).sweep()).toBe(0);
    expect(await app.get(SeatReconciler).sweep(later())).toBe(1);
    expect(await heldFor('1103', '2027_heal-a')).toBe(false);
    expect(await heldFor('1102', '2027_heal-a')).toBe(true);
    const released = (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1103'))).at(-1);
    expect(released).toMatchObject({ type: 'SeatReleased', data: { reason: 'healed', enrollmentId: '2027_heal-a' } });
    await caughtUp();
    expect(await app.get(EnrollmentQueries).site('2027', '1103')).toMatchObject({ held: 0 });
  });

  it('the candidate’s next seat command heals first, and a fresh hold is left alone', async () => {
    await submitted('heal-b', '1102');
    await danglingHold('heal-b', '1201');
    await caughtUp();
    const withdrawal = { ...candidateContext('heal-b'), now: later() };
    await app.get(EnrollmentSeats).withdraw('2027', 'heal-b', withdrawal);
    expect(await heldFor('1201', '2027_heal-b')).toBe(false);
    // Healed by the system, not by the candidate whose withdrawal came upon it (one correlation).
    const healed = (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1201'))).at(-1)!;
    expect(healed.metadata.actor).toEqual({ id: 'seat-reconciler', role: 'system' });
    expect(healed.metadata.correlationId).toBe(withdrawal.correlationId);
    expect(await heldFor('1102', '2027_heal-b')).toBe(false);

    // Within the grace period a hold may belong to a submission in flight: not touched.
    await app.get(SeatLedger).execute(
      {
        type: 'HoldSeat',
        sessionCode: '2027',
        siteCode: '1202',
        enrollmentId: '2027_heal-b',
        holdId: 'fresh-heal-b',
        catalogCapacity: 300,
        siteOpen: true,
      },
      candidateContext('heal-b'),
    );
    await caughtUp();
    expect(await app.get(SeatReconciler).sweep()).toBe(0);
    expect(await heldFor('1202', '2027_heal-b')).toBe(true);
  });

  it('the sweep reaches a dangling seat behind more referenced holds than it reads at once', async () => {
    const reconciler = app.get(SeatReconciler);
    const { graceMs, sweepPageSize, sweepPages } = reconciler;
    for (const id of ['heal-c', 'heal-d', 'heal-e', 'heal-f']) await submitted(id, '1102');
    await submitted('heal-z', '1102');
    await danglingHold('heal-z', '1103'); // sorts after every referenced hold
    await caughtUp();
    Object.assign(reconciler, { graceMs: 0, sweepPageSize: 2, sweepPages: 1 });
    try {
      let sweeps = 0;
      while ((await heldFor('1103', '2027_heal-z')) && sweeps < 10) {
        await reconciler.sweep();
        sweeps += 1;
      }
      expect(await heldFor('1103', '2027_heal-z')).toBe(false);
      expect(sweeps).toBeGreaterThan(2); // it took reading on past the first pages
      for (const id of ['heal-a', 'heal-c', 'heal-d', 'heal-e', 'heal-f', 'heal-z'])
        expect(await heldFor('1102', `2027_${id}`)).toBe(true);
    } finally {
      Object.assign(reconciler, { graceMs, sweepPageSize, sweepPages });
    }
  });

  it('the sweep releases every dangling hold of an enrollment whose holds fill a whole page', async () => {
    const reconciler = app.get(SeatReconciler);
    const { graceMs, sweepPageSize, sweepPages } = reconciler;
    await submitted('heal-m', '1102');
    for (const site of ['1103', '1201', '1202']) await danglingHold('heal-m', site);
    await caughtUp();
    // Pages of two holds: this enrollment's four fill two pages on their own.
    Object.assign(reconciler, { graceMs: 0, sweepPageSize: 2, sweepPages: 100 });
    try {
      await reconciler.sweep();
      await reconciler.sweep(); // the first may have started after this enrollment
      for (const site of ['1103', '1201', '1202']) expect(await heldFor(site, '2027_heal-m')).toBe(false);
      expect(await heldFor('1102', '2027_heal-m')).toBe(true);
    } finally {
      Object.assign(reconciler, { graceMs, sweepPageSize, sweepPages });
    }
  });

  it('a sweep whose release lands after the enrollment came to rely on that hold takes it again', async () => {
    await readyToSubmit('sweep-late', '1201');
    const decisions = app.get(EnrollmentDecisions);
    const beforeSubmit = await decisions.load('2027', 'sweep-late');
    await app.get(EnrollmentSeats).submit('2027', 'sweep-late', candidateContext('sweep-late'));
    await caughtUp();
    const reconciler = app.get(SeatReconciler);
    // The sweep found the hold unreferenced (the table lagged) and read the enrollment before 提交 wrote its event.
    type Holds = { enrollmentId: string; released: boolean }[];
    const unreferenced = jest
      .spyOn(reconciler as unknown as { unreferenced(holds: Holds): Promise<Holds> }, 'unreferenced')
      .mockImplementation(async (holds) => holds.filter((hold) => hold.enrollmentId === '2027_sweep-late'));
    // Only the sweep's read of this enrollment is stale (a background tick reading another is not).
    const loadCurrent = decisions.load.bind(decisions);
    let stale = true;
    const load = jest.spyOn(decisions, 'load').mockImplementation(async (session, candidate) => {
      if (candidate !== 'sweep-late' || !stale) return loadCurrent(session, candidate);
      stale = false;
      return beforeSubmit;
    });
    try {
      let released = 0;
      for (let sweep = 0; sweep < 2 && released === 0; sweep++) released += await reconciler.sweep(later());
      expect(released).toBe(1);
    } finally {
      unreferenced.mockRestore();
      load.mockRestore();
    }
    expect(await heldFor('1201', '2027_sweep-late')).toBe(true);
    expect(await seatEventsOf('1201', '2027_sweep-late')).toEqual(['SeatHeld', 'SeatReleased', 'SeatHeld']);
  });

  it('a step 6 saved while 提交 holds its seat refuses the submission and gives that seat back', async () => {
    await readyToSubmit('race-a', '1102');
    const ledger = app.get(SeatLedger);
    const hold = ledger.execute.bind(ledger);
    // Another tab saves step 6 with site 1103 just after 提交 has taken its seat at 1102.
    const spy = jest.spyOn(ledger, 'execute').mockImplementationOnce(async (command, context) => {
      const result = await hold(command, context);
      await app.get(EnrollmentSteps).chooseSite('2027', 'race-a', '1103', candidateContext('race-a'));
      return result;
    });
    try {
      await expect(app.get(EnrollmentSeats).submit('2027', 'race-a', candidateContext('race-a'))).rejects.toMatchObject(
        { code: 'SITE_CHOICE_CHANGED' },
      );
    } finally {
      spy.mockRestore();
    }
    expect(await heldFor('1102', '2027_race-a')).toBe(false);
    expect(await heldFor('1103', '2027_race-a')).toBe(false);
    const result = await app.get(EnrollmentSeats).submit('2027', 'race-a', candidateContext('race-a'));
    expect(result.state).toMatchObject({ status: 'submitted', seatSiteCode: '1103' });
    expect(await heldFor('1103', '2027_race-a')).toBe(true);
  });

  it('a 提交 whose hold was released before it wrote its enrollment event takes that hold again', async () => {
    await readyToSubmit('stalled', '1102');
    const ledger = app.get(SeatLedger);
    const execute = ledger.execute.bind(ledger);
    // Another process's reconciler releases the new hold while the 提交 is stalled after taking it.
    const spy = jest.spyOn(ledger, 'execute').mockImplementationOnce(async (command, context) => {
      const events = await execute(command, context);
      if (command.type === 'HoldSeat')
        await execute({ ...command, type: 'ReleaseSeat', reason: 'healed' }, candidateContext('stalled'));
      return events;
    });
    try {
      const result = await app.get(EnrollmentSeats).submit('2027', 'stalled', candidateContext('stalled'));
      expect(result.state).toMatchObject({ status: 'submitted', seatSiteCode: '1102' });
    } finally {
      spy.mockRestore();
    }
    expect(await heldFor('1102', '2027_stalled')).toBe(true);
    expect(await seatEventsOf('1102', '2027_stalled')).toEqual(['SeatHeld', 'SeatReleased', 'SeatHeld']);
  });

  it('a 提交 that failed half way has its enrollment looked at again after the grace period, not at the next sweep', async () => {
    await readyToSubmit('crashed', '1103');
    const reconciler = app.get(SeatReconciler);
    const sweeper = app.get(SeatSweeper);
    const { graceMs } = reconciler;
    const { recheckMarginMs } = sweeper;
    Object.assign(reconciler, { graceMs: 200 });
    Object.assign(sweeper, { recheckMarginMs: 300 });
    // The store fails after the hold, before EnrollmentSubmitted: not a rule's refusal, so the
    // hold is not given back at once (the event may yet have been written).
    const spy = jest.spyOn(app.get(EnrollmentDecisions), 'execute').mockRejectedValueOnce(new Error('disk I/O error'));
    try {
      await expect(app.get(EnrollmentSeats).submit('2027', 'crashed', candidateContext('crashed'))).rejects.toThrow(
        'disk I/O error',
      );
      expect(await heldFor('1103', '2027_crashed')).toBe(true);
      const deadline = Date.now() + 5_000;
      while ((await heldFor('1103', '2027_crashed')) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      spy.mockRestore();
      Object.assign(reconciler, { graceMs });
      Object.assign(sweeper, { recheckMarginMs });
    }
    expect(await heldFor('1103', '2027_crashed')).toBe(false);
    const released = (await app.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1103'))).at(-1)!;
    expect(released).toMatchObject({ type: 'SeatReleased', data: { reason: 'healed', enrollmentId: '2027_crashed' } });
    expect(released.metadata.actor).toEqual({ id: 'seat-reconciler', role: 'system' });
  });

  /** Runs `body` with the recheck due `graceMs` + 300 ms after a failure, then restores the settings. */
  async function withShortRecheck(graceMs: number, body: () => Promise<void>) {
    const reconciler = app.get(SeatReconciler);
    const sweeper = app.get(SeatSweeper);
    const before = { graceMs: reconciler.graceMs, recheckMarginMs: sweeper.recheckMarginMs };
    Object.assign(reconciler, { graceMs });
    Object.assign(sweeper, { recheckMarginMs: 300 });
    try {
      await body();
    } finally {
      Object.assign(reconciler, { graceMs: before.graceMs });
      Object.assign(sweeper, { recheckMarginMs: before.recheckMarginMs });
    }
  }

  async function until(condition: () => Promise<boolean>, ms = 5_000) {
    const deadline = Date.now() + ms;
    while (!(await condition()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  it('a 修改考点 whose release of the old seat failed on a conflict is rechecked too', async () => {
    await submitted('conflicted', '1102');
    const ledger = app.get(SeatLedger);
    const execute = ledger.execute.bind(ledger);
    const spy = jest.spyOn(ledger, 'execute').mockImplementation(async (command, context) => {
      if (command.type === 'ReleaseSeat' && command.siteCode === '1102')
        throw new WrongExpectedRevisionError(siteStream('2027', '1102'), 1n, 2n);
      return execute(command, context);
    });
    await withShortRecheck(200, async () => {
      try {
        await expect(
          app.get(EnrollmentSeats).changeSite('2027', 'conflicted', '1103', candidateContext('conflicted')),
        ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
      } finally {
        spy.mockRestore();
      }
      // ExamSiteChanged was written; the old seat is still held, for the recheck to give back.
      expect(await heldFor('1102', '2027_conflicted')).toBe(true);
      await until(async () => !(await heldFor('1102', '2027_conflicted')));
    });
    expect(await heldFor('1102', '2027_conflicted')).toBe(false);
    expect(await heldFor('1103', '2027_conflicted')).toBe(true);
  });

  it('a reconciler whose release lands after the enrollment came to rely on that hold takes it again', async () => {
    await readyToSubmit('late-release', '1103');
    const decisions = app.get(EnrollmentDecisions);
    const beforeSubmit = await decisions.load('2027', 'late-release');
    await app.get(EnrollmentSeats).submit('2027', 'late-release', candidateContext('late-release'));
    await caughtUp();
    // The reconciler read the enrollment before 提交 wrote its event, and releases after 提交 checked its hold.
    const spy = jest.spyOn(decisions, 'load').mockResolvedValueOnce(beforeSubmit);
    try {
      expect(await app.get(SeatReconciler).reconcile('2027_late-release', later())).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(await heldFor('1103', '2027_late-release')).toBe(true);
    expect(await seatEventsOf('1103', '2027_late-release')).toEqual(['SeatHeld', 'SeatReleased', 'SeatHeld']);
  });

  it('a hold taken again for an enrollment that has moved on meanwhile is given back', async () => {
    await submitted('moved-on', '1103');
    const decisions = app.get(EnrollmentDecisions);
    const submittedState = await decisions.load('2027', 'moved-on');
    const { seatHoldId } = submittedState;
    // Another process's reconciler released the hold; the candidate withdrew (its release found nothing).
    await app.get(SeatLedger).execute(
      {
        type: 'ReleaseSeat',
        sessionCode: '2027',
        siteCode: '1103',
        enrollmentId: '2027_moved-on',
        holdId: seatHoldId ?? '',
        reason: 'healed',
      },
      candidateContext('moved-on'),
    );
    await decisions.execute('2027', 'moved-on', { type: 'WithdrawEnrollment' }, candidateContext('moved-on'));
    await caughtUp();
    // A restore that read the enrollment before the withdrawal takes the hold again, then sees it.
    const spy = jest.spyOn(decisions, 'load').mockResolvedValueOnce(submittedState);
    try {
      await app.get(SeatReconciler).reconcile('2027_moved-on', new Date());
    } finally {
      spy.mockRestore();
    }
    expect(await heldFor('1103', '2027_moved-on')).toBe(false);
    expect(await seatEventsOf('1103', '2027_moved-on')).toEqual([
      'SeatHeld',
      'SeatReleased',
      'SeatHeld',
      'SeatReleased',
    ]);
  });
});
