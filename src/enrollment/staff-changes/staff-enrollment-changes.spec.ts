import type { Principal } from '../../infrastructure/http/principal';
import type { CommandContext } from '../../shared/messages';
import { initialEnrollmentState, type EnrollmentState } from '../enrollment.state';
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
  /** The seat service as far as these changes use it: it hands the check the enrollment it finds. */
  function withEnrollmentFoundAs(state: EnrollmentState) {
    const calls: StaffChange[] = [];
    const run = async (...args: unknown[]) => {
      const change = args[args.length - 1] as StaffChange;
      calls.push(change);
      change.allowed?.(state);
      return { state, position: null };
    };
    const seats = { withdraw: run, changeSite: run } as unknown as EnrollmentSeats;
    return { changes: new StaffEnrollmentChanges(seats), calls };
  }

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
    expect(calls).toEqual([]);
  });
});
