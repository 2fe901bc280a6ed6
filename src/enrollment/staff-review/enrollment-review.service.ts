import { Injectable } from '@nestjs/common';
import type { Principal } from '../../infrastructure/http/principal';
import { ForbiddenError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';

/** Whether a staff member's scope covers a site (admins and national staff cover every site). */
export function coversSite(principal: Principal, siteCode: string | null): boolean {
  if (principal.role === 'admin') return true;
  const scope = principal.scope ?? {};
  if (scope.siteCode) return siteCode === scope.siteCode;
  if (scope.areaCode) return siteCode?.startsWith(scope.areaCode) ?? false;
  return true;
}

/** 资格审核: approve or reject an enrollment at a site within the staff member's scope. */
@Injectable()
export class EnrollmentReview {
  constructor(private readonly decisions: EnrollmentDecisions) {}

  async decide(
    sessionCode: string,
    candidateId: string,
    outcome: 'approve' | 'reject',
    reason: string,
    principal: Principal,
    context: CommandContext,
  ) {
    const state = await this.decisions.load(sessionCode, candidateId);
    if (!coversSite(principal, state.seatSiteCode))
      throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点');
    const command =
      outcome === 'approve'
        ? { type: 'ApproveEnrollment' as const, reason }
        : { type: 'RejectEnrollment' as const, reason };
    const result = await this.decisions.execute(sessionCode, candidateId, command, context);
    return { state: result.state, position: result.position };
  }
}
