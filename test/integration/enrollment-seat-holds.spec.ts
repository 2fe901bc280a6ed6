import type { INestApplicationContext } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { EnrollmentDecisions } from '../../src/enrollment/enrollment-decisions';
import { EnrollmentSeats } from '../../src/enrollment/seats/enrollment-seats.service';
import { SeatLedger } from '../../src/enrollment/seats/seat-ledger.service';
import { SeatReconciler } from '../../src/enrollment/seats/seat-reconciler.service';
import type { SeatCommand } from '../../src/enrollment/seats/seat.decider';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import {
  candidateContext,
  readyToSubmit as readyToSubmitIn,
  startEnrollmentContext,
  tempDir,
  writeTestSeed,
} from './enrollment-fixture';

/**
 * Two app processes acting on one enrollment at once: a release one of them decided on what it
 * saw earlier must not take the seat the other's later command relies on. (Within one process the
 * enrollment's lock keeps such commands apart; across processes only the named holds do.)
 */
describe('seat holds across two app processes', () => {
  jest.setTimeout(60_000);
  let first: INestApplicationContext;
  let second: INestApplicationContext;
  let remove: () => void;

  beforeAll(async () => {
    const temp = tempDir('enrollment-holds-');
    remove = temp.remove;
    const seed = writeTestSeed(temp.dir, 300);
    first = await startEnrollmentContext(temp.dir, seed);
    second = await startEnrollmentContext(temp.dir, seed);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    remove();
  });

  const readyToSubmit = (id: string, site: string) => readyToSubmitIn(first, id, site);

  /** The seats at a site as its stream tells now, and whether the enrollment holds one. */
  async function seatsAt(site: string, id: string) {
    const state = await first.get(SeatLedger).held('2027', site);
    return { held: state.held, holds: state.holders.has(`2027_${id}`) };
  }

  /** Runs `meanwhile` when `process`'s seat ledger is about to execute a command `when` matches. */
  function interleave(
    process: INestApplicationContext,
    when: (command: SeatCommand) => boolean,
    meanwhile: () => Promise<unknown>,
  ) {
    const ledger = process.get(SeatLedger);
    const execute = ledger.execute.bind(ledger);
    return jest.spyOn(ledger, 'execute').mockImplementation(async (command, context) => {
      if (when(command)) {
        jest.mocked(ledger.execute).mockImplementation(execute);
        await meanwhile();
      }
      return execute(command, context);
    });
  }

  it('a change of site back, made while the first change still gives back the old seat, keeps its seat', async () => {
    await readyToSubmit('swap', '1102');
    await first.get(EnrollmentSeats).submit('2027', 'swap', candidateContext('swap'));
    // Process 1 moves the candidate to 1103; before it gives back the seat at 1102, process 2 moves
    // the candidate back to 1102 (a second tab, or staff): its hold there finds the seat still held.
    const spy = interleave(
      first,
      (command) => command.type === 'ReleaseSeat' && command.siteCode === '1102',
      () => second.get(EnrollmentSeats).changeSite('2027', 'swap', '1102', candidateContext('swap')),
    );
    try {
      await first.get(EnrollmentSeats).changeSite('2027', 'swap', '1103', candidateContext('swap'));
    } finally {
      spy.mockRestore();
    }
    const state = await first.get(EnrollmentDecisions).load('2027', 'swap');
    expect(state).toMatchObject({ status: 'submitted', seatSiteCode: '1102' });
    expect(await seatsAt('1102', 'swap')).toEqual({ held: 1, holds: true });
    expect(await seatsAt('1103', 'swap')).toEqual({ held: 0, holds: false });
    const types = (await first.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1102'))).map((e) => e.type);
    expect(types).toEqual(['SeatHeld', 'SeatHoldAdded', 'SeatHoldDropped']);
  });

  it('a 提交 sent to both processes at once leaves one enrollment with one seat', async () => {
    await readyToSubmit('twice', '1201');
    // Process 2's whole 提交 runs between process 1's hold and its EnrollmentSubmitted.
    const spy = interleave(
      first,
      (command) => command.type === 'HoldSeat',
      () => second.get(EnrollmentSeats).submit('2027', 'twice', candidateContext('twice')),
    );
    try {
      await first.get(EnrollmentSeats).submit('2027', 'twice', candidateContext('twice'));
    } finally {
      spy.mockRestore();
    }
    expect(await first.get(EnrollmentDecisions).load('2027', 'twice')).toMatchObject({
      status: 'submitted',
      seatSiteCode: '1201',
    });
    // Process 1's hold came second and was not relied on: dropped, the seat kept under the other.
    expect(await seatsAt('1201', 'twice')).toEqual({ held: 1, holds: true });
    const types = (await first.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1201'))).map((e) => e.type);
    expect(types).toEqual(['SeatHeld', 'SeatHoldAdded', 'SeatHoldDropped']);
  });

  it('a reconciler’s release decided before a retried 提交 does not take the seat that 提交 relies on', async () => {
    await readyToSubmit('retry', '1202');
    // A hold no submission relies on (a 提交 that failed after its hold), past the grace period
    // for process 2's reconciler (a minute later) but not yet for process 1's retried 提交.
    await first.get(SeatLedger).execute(
      {
        type: 'HoldSeat',
        sessionCode: '2027',
        siteCode: '1202',
        enrollmentId: '2027_retry',
        holdId: 'failed-attempt',
        catalogCapacity: 300,
        siteOpen: true,
      },
      candidateContext('retry'),
    );
    // Both processes read the one read store; the first projects into it.
    const head = await first.get<EventStore>(EVENT_STORE).headPosition();
    expect(await first.get(ProjectionRunner).waitFor(head, ['site-occupancy', 'enrollment-table'], 10_000)).toBe(true);
    // Process 2's reconciler decides to release it; the candidate's retried 提交 in process 1,
    // which finds the old hold still there and adds its own, completes before that release is written.
    const spy = interleave(
      second,
      (command) => command.type === 'ReleaseSeat',
      () => first.get(EnrollmentSeats).submit('2027', 'retry', candidateContext('retry')),
    );
    try {
      expect(await second.get(SeatReconciler).reconcile('2027_retry', new Date(Date.now() + 60_000))).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(await first.get(EnrollmentDecisions).load('2027', 'retry')).toMatchObject({
      status: 'submitted',
      seatSiteCode: '1202',
    });
    expect(await seatsAt('1202', 'retry')).toEqual({ held: 1, holds: true });
    const types = (await first.get<EventStore>(EVENT_STORE).readStream(siteStream('2027', '1202'))).map((e) => e.type);
    expect(types).toEqual(['SeatHeld', 'SeatHoldAdded', 'SeatHoldDropped']);
  });
});
