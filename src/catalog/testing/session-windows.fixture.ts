import type { SessionWindows } from '../catalog.events';

/** A 2027 session's windows in order, for specs of the catalog's rules. */
export const sessionWindowsFixture: SessionWindows = {
  registrationOpensAt: '2027-01-05T08:00:00+08:00',
  registrationClosesAt: '2027-01-31T17:00:00+08:00',
  withdrawalDeadline: '2027-01-31T17:00:00+08:00',
  ticketPrintingOpensAt: '2027-05-25T08:00:00+08:00',
  ticketPrintingClosesAt: '2027-06-08T17:00:00+08:00',
  examDates: ['2027-06-08'],
};
