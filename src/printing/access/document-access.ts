import type { Principal } from '../../infrastructure/http/principal';
import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import type { PrintableEnrollment } from '../documents/enrollment-documents.port';

/**
 * Who may print an enrollment's documents: the candidate themself, staff whose scope (an area or
 * one site) contains the enrollment's site, and admins. Anyone else is told it does not exist.
 */
export function mayPrint(principal: Principal, enrollment: PrintableEnrollment): boolean {
  switch (principal.role) {
    case 'candidate':
      return principal.id === enrollment.candidateId;
    case 'staff': {
      const scope = principal.scope;
      if (!scope) return false;
      if (scope.siteCode !== undefined) return scope.siteCode === enrollment.siteCode;
      return scope.areaCode !== undefined && scope.areaCode === enrollment.areaCode;
    }
    case 'admin':
      return true;
    case 'auditor':
      return false;
  }
}

export type TicketAvailability = 'available' | 'not-issued' | 'withdrawn' | 'window-not-open' | 'window-closed';

/**
 * A ticket exists once its number is issued, and never for a withdrawn enrollment. Candidates
 * print it inside the session's printing window; staff may reprint it at any time.
 */
export function ticketAvailability(
  principal: Principal,
  enrollment: PrintableEnrollment,
  now: Date,
): TicketAvailability {
  if (enrollment.withdrawn) return 'withdrawn';
  if (!enrollment.ticket) return 'not-issued';
  if (principal.role !== 'candidate') return 'available';
  const window = enrollment.ticketPrintWindow;
  if (!window || now.getTime() < new Date(window.opensAt).getTime()) return 'window-not-open';
  if (now.getTime() >= new Date(window.closesAt).getTime()) return 'window-closed';
  return 'available';
}

const TICKET_UNAVAILABLE_MESSAGES: Record<Exclude<TicketAvailability, 'available'>, string> = {
  'not-issued': '准考证号尚未发放',
  withdrawn: '已放弃报考，准考证已作废',
  'window-not-open': '准考证打印尚未开始',
  'window-closed': '准考证打印时间已结束',
};

/**
 * Why the ticket cannot be printed now, in the candidate's words, with the window's time when it
 * is the reason (a ticket number issued weeks before printing opens); undefined when it can.
 */
export function ticketUnavailableMessage(
  availability: TicketAvailability,
  window?: PrintableEnrollment['ticketPrintWindow'],
): string | undefined {
  if (availability === 'available') return undefined;
  const message = TICKET_UNAVAILABLE_MESSAGES[availability];
  if (availability === 'window-not-open' && window) return `${message}，将于${formatBeijingTime(window.opensAt)}开始`;
  if (availability === 'window-closed' && window) return `准考证打印时间已于${formatBeijingTime(window.closesAt)}结束`;
  return message;
}
