import { Injectable } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import { DomainError, ForbiddenError, ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import type { EnrollmentState } from '../enrollment.state';
import { ACTIVE } from '../enrollment.decider';
import { EnrollmentSeats } from '../seats/enrollment-seats.service';
import { coversSite, siteScopeOf } from '../staff-review/enrollment-review.service';

export const MAX_NOTE_LENGTH = 500;

/**
 * Changes staff make to an enrollment for the candidate — a change of site, 放弃报考 — also after
 * the deadlines, which bind candidates only. Staff act within their scope (the enrollment's site
 * and, for a move, the new site too) and say why; the note and who made the change are recorded
 * on the event. Seats follow the same rules as the candidate's own changes: never over capacity.
 */
@Injectable()
export class StaffEnrollmentChanges {
  constructor(private readonly seats: EnrollmentSeats) {}

  async changeSite(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    note: string,
    principal: Principal,
    context: CommandContext,
  ) {
    if (!/^\d{4}$/.test(siteCode))
      throw new ValidationError([{ field: 'siteCode', code: 'SITE_REQUIRED', message: '请选择考点' }]);
    const reason = requireNote(note);
    if (!coversSite(principal, siteCode)) throw new ForbiddenError('OUT_OF_SCOPE', '新考点不在您负责的考区或考点');
    return this.seats.changeSite(sessionCode, candidateId, siteCode, context, {
      note: reason,
      allowed: (state) => requireMayChange(principal, state),
      scope: siteScopeOf(principal),
    });
  }

  async withdraw(
    sessionCode: string,
    candidateId: string,
    note: string,
    principal: Principal,
    context: CommandContext,
  ) {
    const reason = requireNote(note);
    return this.seats.withdraw(sessionCode, candidateId, context, {
      note: reason,
      allowed: (state) => requireMayChange(principal, state),
      scope: siteScopeOf(principal),
    });
  }
}

/**
 * Staff may change an enrollment that was submitted (a draft is not an application, and staff do
 * not see drafts) and holds its seat within their scope. Checked inside the enrollment's lock, on
 * the enrollment as the change finds it: a candidate's own change just before cannot slip past it.
 */
function requireMayChange(principal: Principal, state: EnrollmentState): void {
  if (!coversSite(principal, state.seatSiteCode))
    throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点');
  if (!ACTIVE.includes(state.status)) throw new DomainError('NOT_SUBMITTED', '只能为已提交的报名办理变更');
}

function requireNote(note: string): string {
  const trimmed = note.trim();
  if (!trimmed) throw new ValidationError([{ field: 'note', code: 'NOTE_REQUIRED', message: '请填写变更原因' }]);
  if (trimmed.length > MAX_NOTE_LENGTH)
    throw new ValidationError([{ field: 'note', code: 'NOTE_TOO_LONG', message: '变更原因不超过500字' }]);
  return trimmed;
}
