import type { Principal } from '../../infrastructure/http/principal';
import type { EventStore } from '../../infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { CommandContext, RecordedEvent } from '../../shared/messages';
import { initialEnrollmentState, type EnrollmentState } from '../enrollment.state';
import type { EnrollmentDecisions } from '../enrollment-decisions';
import type { EnrollmentSeats, StaffChange } from '../seats/enrollment-seats.service';
import { StaffEnrollmentChanges } from './staff-enrollment-changes.service';

const siteStaff: Principal = { role: 'staff', id: 's', username: 's', sessionId: 'x', scope: { siteCode: '1102' } };
const context = { actor: { id: 's', role: 'staff' }, correlationId: 'c', now: new Date() } as CommandContext;
const enrollment = (status: EnrollmentState['status'], seatSiteCode: string | null): EnrollmentState => ({
  ...initialEnrollmentState(),
  status,
  seatSiteCode,
});

describe('staff changes to an enrollment', () => {
  /**
   * The seat service as far as these changes use it: it hands the check the enrollment it finds (at
   * `revision`), and the store holds `since` after the revision the staff member saw.
   */
  function withEnrollmentFoundAs(state: EnrollmentState, revision = 5n, since: RecordedEvent[] = []) {
    const calls: StaffChange[] = [];
    const done: boolean[] = [];
    const run = async (...args: unknown[]) => {
      const change = args[args.length - 1] as StaffChange;
      calls.push(change);
      done.push((await change.allowed?.({ state, revision })) ?? false);
      return { state, position: null };
    };
    const seats = { withdraw: run, changeSite: run } as unknown as EnrollmentSeats;
    const store = { readStream: async () => since } as unknown as EventStore;
    const decisions = { load: async () => state } as unknown as EnrollmentDecisions;
    return { changes: new StaffEnrollmentChanges(seats, decisions, store), calls, done };
  }
  const recorded = (type: string, data: object, actorId = 's') =>
    ({ type, data, metadata: { actor: { id: actorId, role: 'staff' } } }) as unknown as RecordedEvent;

  it('checks scope and status on the enrollment as the seat command finds it (inside its lock)', async () => {
    await expect(
      withEnrollmentFoundAs(enrollment('submitted', '1101')).changes.withdraw(
        '2027',
        'c1',
        '考生申请',
        siteStaff,
        context,
      ),
    ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
    await expect(
      withEnrollmentFoundAs(enrollment('draft', '1102')).changes.withdraw('2027', 'c1', '考生申请', siteStaff, context),
    ).rejects.toMatchObject({ code: 'NOT_SUBMITTED' });
    const { changes, calls } = withEnrollmentFoundAs(enrollment('approved', '1102'));
    await changes.withdraw('2027', 'c1', '  考生申请 ', siteStaff, context);
    expect(calls[0].note).toBe('考生申请');
  });

  it('refuses a move to a site outside the scope, or without a site or a reason, before anything runs', async () => {
    const { changes, calls } = withEnrollmentFoundAs(enrollment('submitted', '1102'));
    await expect(changes.changeSite('2027', 'c1', '1103', '调整', siteStaff, context)).rejects.toMatchObject({
      code: 'OUT_OF_SCOPE',
    });
    await expect(changes.changeSite('2027', 'c1', '', '调整', siteStaff, context)).rejects.toMatchObject({
      fields: [expect.objectContaining({ code: 'SITE_REQUIRED' })],
    });
    await expect(changes.changeSite('2027', 'c1', '1102', ' ', siteStaff, context)).rejects.toMatchObject({
      fields: [expect.objectContaining({ code: 'NOTE_REQUIRED' })],
    });
    await expect(changes.withdraw('2027', 'c1', '\u202e\u200b', siteStaff, context)).rejects.toMatchObject({
      fields: [expect.objectContaining({ code: 'NOTE_REQUIRED' })],
    });
    expect(calls).toEqual([]);
  });

  it('records the note without characters that do not show (a bidirectional override would turn it around)', async () => {
    const { changes, calls } = withEnrollmentFoundAs(enrollment('submitted', '1102'));
    await changes.withdraw('2027', 'c1', '\u202e考生\u200b申请', siteStaff, context);
    expect(calls[0].note).toBe('考生申请');
  });

  it('answers a withdrawal sent again for what it is, not as outside the scope', async () => {
    const withdrawn = { ...enrollment('withdrawn', null), withdrawnFromSiteCode: '1102' };
    await expect(
      withEnrollmentFoundAs(withdrawn).changes.withdraw('2027', 'c1', '考生申请', siteStaff, context),
    ).rejects.toMatchObject({ code: 'NOT_SUBMITTED' });
    const elsewhere = { ...enrollment('withdrawn', null), withdrawnFromSiteCode: '1101' };
    await expect(
      withEnrollmentFoundAs(elsewhere).changes.withdraw('2027', 'c1', '考生申请', siteStaff, context),
    ).rejects.toMatchObject({ code: 'OUT_OF_SCOPE' });
  });

  describe('pinned to the revision the staff member saw', () => {
    it('changes it when it is the revision found, and writes onto that revision only', async () => {
      const { changes, calls, done } = withEnrollmentFoundAs(enrollment('submitted', '1102'), 5n);
      await changes.withdraw('2027', 'c1', '考生申请', siteStaff, context, 5n);
      expect(calls[0].seenRevision).toBe(5n);
      expect(done).toEqual([false]);
    });

    it('refuses any change made since (the candidate withdrew and enrolled again)', async () => {
      const since = [recorded('EnrollmentWithdrawn', { attempt: 1 }, 'candidate'), recorded('EnrollmentStarted', {})];
      const { changes } = withEnrollmentFoundAs(enrollment('submitted', '1102'), 9n, since);
      await expect(changes.withdraw('2027', 'c1', '考生申请', siteStaff, context, 5n)).rejects.toMatchObject({
        code: 'ENROLLMENT_CHANGED',
        httpStatus: 409,
      });
      const moved = withEnrollmentFoundAs(enrollment('submitted', '1102'), 6n, [
        recorded('ExamSiteChanged', { siteCode: '1102', note: '调整' }, 'other-staff'),
      ]);
      await expect(
        moved.changes.changeSite('2027', 'c1', '1102', '调整', siteStaff, context, 5n),
      ).rejects.toMatchObject({ code: 'ENROLLMENT_CHANGED' });
    });

    it('takes the same change by the same staff member since as done (a double click)', async () => {
      const withdrawn = { ...enrollment('withdrawn', null), withdrawnFromSiteCode: '1102' };
      const again = withEnrollmentFoundAs(withdrawn, 6n, [recorded('EnrollmentWithdrawn', { note: '考生申请' })]);
      await again.changes.withdraw('2027', 'c1', ' 考生申请', siteStaff, context, 5n);
      expect(again.done).toEqual([true]);
      const moved = withEnrollmentFoundAs(enrollment('submitted', '1102'), 6n, [
        recorded('ExamSiteChanged', { siteCode: '1102', note: '调整' }),
      ]);
      await moved.changes.changeSite('2027', 'c1', '1102', '调整', siteStaff, context, 5n);
      expect(moved.done).toEqual([true]);
    });

    it('answers a change written by another process between the check and the write as changed, unless it is this one', async () => {
      const seats = {
        withdraw: async () => {
          throw new WrongExpectedRevisionError('enrollment-2027_c1', 5n, 6n);
        },
      } as unknown as EnrollmentSeats;
      const withdrawn = { ...enrollment('withdrawn', null), withdrawnFromSiteCode: '1102' };
      const decisions = { load: async () => withdrawn } as unknown as EnrollmentDecisions;
      const storeWith = (since: RecordedEvent[]) => ({ readStream: async () => since }) as unknown as EventStore;
      const byOther = new StaffEnrollmentChanges(seats, decisions, storeWith([recorded('EnrollmentStarted', {})]));
      await expect(byOther.withdraw('2027', 'c1', '考生申请', siteStaff, context, 5n)).rejects.toMatchObject({
        code: 'ENROLLMENT_CHANGED',
      });
      // The other click of a double click, served by another process: done, not a conflict.
      const same = new StaffEnrollmentChanges(
        seats,
        decisions,
        storeWith([recorded('EnrollmentWithdrawn', { note: '考生申请' })]),
      );
      await expect(same.withdraw('2027', 'c1', '考生申请', siteStaff, context, 5n)).resolves.toEqual({
        state: withdrawn,
        position: null,
      });
    });
  });
});
