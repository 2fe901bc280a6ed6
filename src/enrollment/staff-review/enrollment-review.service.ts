import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { Principal } from '../../infrastructure/http/principal';
import { ConflictError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentStream } from '../enrollment.events';
import { siteInScope, type SiteScope } from '../enrollment-rules';

/** Where a staff member may decide: admins and staff without a scope (the national office) everywhere. */
export function siteScopeOf(principal: Pick<Principal, 'role' | 'scope'>): SiteScope {
  if (principal.role === 'admin') return 'all';
  const { areaCode, siteCode } = principal.scope ?? {};
  return areaCode || siteCode ? { areaCode, siteCode } : 'all';
}

/** Whether a staff member's scope covers a site (admins and national staff cover every site). */
export function coversSite(principal: Pick<Principal, 'role' | 'scope'>, siteCode: string | null): boolean {
  return siteInScope(siteScopeOf(principal), siteCode);
}

/**
 * 资格审核: approve or reject an enrollment at a site within the staff member's scope (checked by
 * the decider on the enrollment as the decision finds it). `seenRevision`: the revision of the
 * enrollment the staff member looked at; if it has changed since (the candidate withdrew, enrolled
 * again, resubmitted), nothing is decided and they are asked to look again.
 */
@Injectable()
export class EnrollmentReview {
  constructor(
    private readonly decisions: EnrollmentDecisions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async decide(
    sessionCode: string,
    candidateId: string,
    outcome: 'approve' | 'reject',
    reason: string,
    principal: Principal,
    context: CommandContext,
    seenRevision?: bigint,
  ) {
    const scope = siteScopeOf(principal);
    const command =
      outcome === 'approve'
        ? { type: 'ApproveEnrollment' as const, reason, scope }
        : { type: 'RejectEnrollment' as const, reason, scope };
    try {
      const result = await this.decisions.execute(sessionCode, candidateId, command, context, {
        expectedRevision: seenRevision,
      });
      return { state: result.state, position: result.position };
    } catch (error) {
      if (seenRevision === undefined || !(error instanceof WrongExpectedRevisionError)) throw error;
      // A double click: the first request made this very decision, which the second would repeat.
      if (await this.alreadyDecided(sessionCode, candidateId, command, context, seenRevision))
        return { state: await this.decisions.load(sessionCode, candidateId), position: null };
      throw new ConflictError('ENROLLMENT_CHANGED', '该报名在您查看之后已有变化，请查看最新信息后重新审核');
    }
  }

  /**
   * Whether the only change since the revision seen is this very decision by this staff member (a
   * double click): any other change, even one ending in the same outcome, is a conflict to look at.
   */
  private async alreadyDecided(
    sessionCode: string,
    candidateId: string,
    command: { type: 'ApproveEnrollment' | 'RejectEnrollment'; reason: string },
    context: CommandContext,
    seenRevision: bigint,
  ): Promise<boolean> {
    const since = await this.store.readStream(enrollmentStream(sessionCode, candidateId), {
      fromRevision: seenRevision + 1n,
    });
    if (since.length !== 1) return false;
    const [event] = since;
    const type = command.type === 'ApproveEnrollment' ? 'EnrollmentApproved' : 'EnrollmentRejected';
    const data = event.data as { staffId?: string; reason?: string };
    return event.type === type && data.staffId === context.actor.id && data.reason === command.reason.trim();
  }
}
