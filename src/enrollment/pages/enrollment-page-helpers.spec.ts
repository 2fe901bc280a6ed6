import type { EnrollmentRow } from '../../../projections/enrollment-table/enrollment-table.projection';
import { enrollmentCard } from './enrollment-page-helpers';

const row = (status: EnrollmentRow['status'], ticketNumber = ''): EnrollmentRow =>
  ({ status, ticketNumber, sessionCode: '2027', startedAt: '2027-01-10T02:00:00.000Z' }) as unknown as EnrollmentRow;

const open = { withdrawal: true, registration: true };

describe('the candidate’s enrollment card', () => {
  it.each(['submitted', 'approved', 'rejected'] as const)('offers 打印 once %s (guide item 7)', (status) => {
    expect(enrollmentCard(row(status), open).canPrint).toBe(true);
  });

  it.each(['draft', 'withdrawn'] as const)('offers no print while %s: there is no form to print', (status) => {
    expect(enrollmentCard(row(status), open).canPrint).toBe(false);
  });

  it('keeps the site fixed once a ticket is issued, and closes changes after the deadline', () => {
    expect(enrollmentCard(row('approved', '2027110010011'), open).canChangeSite).toBe(false);
    expect(enrollmentCard(row('approved'), open).canChangeSite).toBe(true);
    expect(enrollmentCard(row('rejected'), open)).toMatchObject({ canChangeSite: false, canContinue: true });
    expect(enrollmentCard(row('submitted'), { withdrawal: false, registration: false })).toMatchObject({
      canChangeSite: false,
      canWithdraw: false,
      canContinue: false,
    });
  });
});
