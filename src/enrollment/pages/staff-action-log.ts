import { formatBeijingTime } from '../../catalog/browse-catalog/catalog-dates';
import type { RecordedEvent } from '../../shared/messages';
import type { EnrollmentEvent } from '../enrollment.events';

export interface StaffActionLine {
  at: string;
  atText: string;
  /** The staff member's username, as the event names them; 考生本人, or 系统（…） for the app's own jobs. */
  by: string;
  action: string;
  /** The reason or note recorded with it ('' when none was given). */
  detail: string;
}

/**
 * 办理记录: what staff did to an enrollment (and the candidate's own 放弃报考, which voids it) — decisions, moves, withdrawals on the candidate's behalf,
 * the ticket — with who and why, from the enrollment's own stream. Staff taking over a case read
 * why a colleague decided as they did; the auditor's history holds the rest.
 */
export function staffActions(events: RecordedEvent[]): StaffActionLine[] {
  const lines: StaffActionLine[] = [];
  for (const recorded of events) {
    const { id, role } = recorded.metadata.actor;
    const byCandidate = role === 'candidate';
    // The candidate's own 放弃报考 too: it voids the decision and the ticket listed before it.
    if (byCandidate && recorded.type !== 'EnrollmentWithdrawn') continue;
    const described = byCandidate
      ? { action: '考生本人放弃报考（此前的审核结果和准考证号作废）', detail: '' }
      : describe({ type: recorded.type, data: recorded.data } as EnrollmentEvent);
    if (!described) continue;
    lines.push({
      at: recorded.recordedAt,
      atText: formatBeijingTime(recorded.recordedAt),
      by: byCandidate ? '考生本人' : role === 'staff' || role === 'admin' ? id : `系统（${id}）`,
      ...described,
    });
  }
  return lines;
}

function describe(event: EnrollmentEvent): { action: string; detail: string } | null {
  switch (event.type) {
    case 'EnrollmentApproved':
      return { action: '审核通过', detail: event.data.reason };
    case 'EnrollmentRejected':
      return { action: '审核不通过', detail: event.data.reason };
    case 'ExamSiteChanged':
      return { action: `修改考点为 ${event.data.siteCode} ${event.data.siteName}`, detail: event.data.note ?? '' };
    case 'EnrollmentWithdrawn':
      return { action: '代考生放弃报考（此前的审核结果和准考证号作废）', detail: event.data.note ?? '' };
    case 'AdmissionTicketIssued':
      return {
        action: `发放准考证号 ${event.data.ticketNumber}（第${event.data.room}考场 ${event.data.seat}号）`,
        detail: '',
      };
    default:
      return null;
  }
}
