import type { Principal } from '../../infrastructure/http/principal';
import { sampleAdmissionTicket, sampleRegistrationForm } from '../testing/document-fixtures';
import type { PrintableEnrollment } from '../documents/enrollment-documents.port';
import { mayPrint, ticketAvailability, ticketUnavailableMessage } from './document-access';

const enrollment = (overrides: Partial<PrintableEnrollment> = {}): PrintableEnrollment => ({
  enrollmentId: '2027YS_c1',
  candidateId: 'c1',
  areaCode: '11',
  siteCode: '1101',
  withdrawn: false,
  form: sampleRegistrationForm(),
  ticket: sampleAdmissionTicket(),
  ticketPrintWindow: { opensAt: '2027-08-01T00:00:00Z', closesAt: '2027-08-21T10:00:00Z' },
  ...overrides,
});
const principal = (role: Principal['role'], id: string, scope?: Principal['scope']): Principal => ({
  role,
  id,
  username: id,
  scope,
  sessionId: 's',
});
const inWindow = new Date('2027-08-10T00:00:00Z');

describe('who may print an enrollment', () => {
  it('lets a candidate print their own documents and nobody else’s', () => {
    expect(mayPrint(principal('candidate', 'c1'), enrollment())).toBe(true);
    expect(mayPrint(principal('candidate', 'c2'), enrollment())).toBe(false);
  });

  it('lets staff print for candidates of their site or area only', () => {
    expect(mayPrint(principal('staff', 's1', { siteCode: '1101' }), enrollment())).toBe(true);
    expect(mayPrint(principal('staff', 's1', { siteCode: '1102' }), enrollment())).toBe(false);
    expect(mayPrint(principal('staff', 's1', { areaCode: '11' }), enrollment())).toBe(true);
    expect(mayPrint(principal('staff', 's1', { areaCode: '31' }), enrollment())).toBe(false);
    expect(mayPrint(principal('staff', 's1'), enrollment())).toBe(false);
  });

  it('lets admins print, and not auditors', () => {
    expect(mayPrint(principal('admin', 'a'), enrollment())).toBe(true);
    expect(mayPrint(principal('auditor', 'u'), enrollment())).toBe(false);
  });
});

describe('when an admission ticket can be printed', () => {
  const candidate = principal('candidate', 'c1');
  it('is available to the candidate inside the printing window once issued', () => {
    expect(ticketAvailability(candidate, enrollment(), inWindow)).toBe('available');
    expect(ticketAvailability(candidate, enrollment({ ticket: undefined }), inWindow)).toBe('not-issued');
  });

  it('is refused to the candidate outside the window, but staff may reprint', () => {
    expect(ticketAvailability(candidate, enrollment(), new Date('2027-07-31T23:59:59Z'))).toBe('window-not-open');
    expect(ticketAvailability(candidate, enrollment(), new Date('2027-08-21T10:00:00Z'))).toBe('window-closed');
    expect(ticketAvailability(candidate, enrollment({ ticketPrintWindow: undefined }), inWindow)).toBe(
      'window-not-open',
    );
    expect(
      ticketAvailability(principal('staff', 's', { siteCode: '1101' }), enrollment(), new Date('2027-09-01')),
    ).toBe('available');
  });

  it('never exists for a withdrawn enrollment', () => {
    expect(ticketAvailability(candidate, enrollment({ withdrawn: true }), inWindow)).toBe('withdrawn');
    expect(ticketAvailability(principal('admin', 'a'), enrollment({ withdrawn: true }), inWindow)).toBe('withdrawn');
  });

  it('tells the candidate why the ticket cannot be printed', () => {
    expect(ticketUnavailableMessage('not-issued')).toBe('准考证号尚未发放');
    expect(ticketUnavailableMessage('window-not-open')).toBe('准考证打印尚未开始');
    expect(ticketUnavailableMessage('available')).toBeUndefined();
  });

  it('says when printing opens, or when it ended, in Beijing time', () => {
    const window = { opensAt: '2027-08-20T01:00:00Z', closesAt: '2027-08-31T16:00:00Z' };
    expect(ticketUnavailableMessage('window-not-open', window)).toBe('准考证打印尚未开始，将于2027年8月20日 09:00开始');
    expect(ticketUnavailableMessage('window-closed', window)).toBe('准考证打印时间已于2027年9月1日 00:00结束');
    expect(ticketUnavailableMessage('not-issued', window)).toBe('准考证号尚未发放');
  });
});
