import { assertNever } from '../shared/decider';
import { DomainError, ValidationError } from '../shared/errors';
import { visibleText } from '../shared/visible-text';
import type { EnrollmentEvent } from './enrollment.events';
import { requireSiteInScope } from './enrollment-rules';
import { parseTicketNumber } from './tickets/ticket-number';
import type { StaffCommand, CommandBase } from './enrollment.decider';
import { awaitingResubmission, pendingSiteChoice, staffSiteCodeOf, type EnrollmentState } from './enrollment.state';

/** The longest reason a decision records (the candidate reads it on their list). */
const MAX_REASON = 500;

const accountSuspended = (what: string) =>
  new DomainError('ACCOUNT_SUSPENDED', `该考生账户因证件争议已被暂停，待证件争议案件处理后再${what}`);

/** 资格审核 and 准考证: staff decisions name who (the actor) and why (the reason). */
export function decideReview(command: CommandBase & StaffCommand, state: EnrollmentState): EnrollmentEvent[] {
  const staffId = command.actor.id;
  requireSiteInScope(command.scope, staffSiteCodeOf(state));
  // The candidate reads the reason and it goes into the CSV: zero-width padding is no reason, and a
  // bidirectional override would turn what they read around.
  if ('reason' in command && visibleText(command.reason).length > MAX_REASON)
    throw new ValidationError([{ field: 'reason', code: 'REASON_TOO_LONG', message: `审核意见不超过${MAX_REASON}字` }]);
  switch (command.type) {
    case 'ApproveEnrollment':
      if (state.status !== 'submitted' && state.status !== 'approved' && state.status !== 'rejected')
        throw new DomainError('NOT_SUBMITTED', '只能审核已提交的报名');
      // A batch counts what it approved: an enrollment approved before, or rejected, is not among it.
      if (command.awaitingReviewOnly && state.status !== 'submitted')
        throw new DomainError(
          'NOT_AWAITING_REVIEW',
          state.status === 'approved'
            ? '该报名此前已审核通过，未再处理'
            : '该报名审核未通过，批量通过不改变它，请逐条审核',
        );
      if (state.status === 'approved') return [];
      // Whose identity is in question: decided once the case is (dismissed, the account reinstated).
      if (command.accountSuspended) throw accountSuspended('审核');
      // Rejected, the candidate may choose another site in step 6: approve what they submit there.
      if (pendingSiteChoice(state))
        throw new DomainError('RESUBMISSION_PENDING', '考生已重新选择考点但尚未重新提交，请待其提交后再审核');
      // Nor may a changed form be approved before it is submitted: staff approve what was submitted.
      if (awaitingResubmission(state))
        throw new DomainError('RESUBMISSION_PENDING', '考生已修改报名信息但尚未重新提交，请待其提交后再审核');
      return [{ type: 'EnrollmentApproved', data: { staffId, reason: visibleText(command.reason) } }];
    case 'RejectEnrollment': {
      const reason = visibleText(command.reason);
      if (!reason)
        throw new ValidationError([{ field: 'reason', code: 'REASON_REQUIRED', message: '请填写审核不通过的原因' }]);
      if (state.status === 'rejected' && state.decision?.reason === reason) return [];
      if (state.status !== 'submitted' && state.status !== 'approved' && state.status !== 'rejected')
        throw new DomainError('NOT_SUBMITTED', '只能审核已提交的报名');
      if (state.ticket) throw new DomainError('TICKET_ALREADY_ISSUED', '准考证号已发放，不能改为不通过');
      return [{ type: 'EnrollmentRejected', data: { staffId, reason } }];
    }
    case 'IssueAdmissionTicket': {
      const { ticketNumber, siteCode, room, seat } = command;
      if (state.ticket?.ticketNumber === ticketNumber) return [];
      if (state.ticket) throw new DomainError('TICKET_ALREADY_ISSUED', '该考生已有准考证号');
      if (state.status !== 'approved') throw new DomainError('NOT_APPROVED', '审核通过后才能发放准考证号');
      if (state.seatSiteCode !== siteCode) throw new DomainError('SITE_MISMATCH', '准考证的考点与报名考点不一致');
      if (parseTicketNumber(ticketNumber)?.categoryCode !== state.category?.code)
        throw new DomainError('CATEGORY_MISMATCH', '准考证号的报考类别与报名类别不一致');
      if (command.accountSuspended) throw accountSuspended('发放准考证号');
      return [{ type: 'AdmissionTicketIssued', data: { ticketNumber, siteCode, room, seat, staffId } }];
    }
    default:
      return assertNever(command);
  }
}
