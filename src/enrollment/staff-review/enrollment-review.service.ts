import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { Principal } from '../../infrastructure/http/principal';
import { AppError } from '../../shared/errors';
import { visibleText } from '../../shared/visible-text';
import type { CommandContext, RecordedEvent } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentStream } from '../enrollment.events';
import { siteInScope, type SiteScope } from '../enrollment-rules';
import { changedSinceSeen, onlyRepeatSince } from '../seen-revision';

export interface BatchApproval {
  approved: string[];
  refused: Array<{ candidateId: string; code: string; message: string }>;
  /** The last event written (null: nothing changed), for reads that must see the approvals. */
  position: bigint | null;
  /** The failure that stopped the batch (the store unavailable): the rest was not tried. */
  stoppedBy?: unknown;
}

/** At most one page of the staff table (its largest page size) is approved at once. */
export const BATCH_APPROVAL_LIMIT = 200;

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
      const type = outcome === 'approve' ? 'EnrollmentApproved' : 'EnrollmentRejected';
      const stream = enrollmentStream(sessionCode, candidateId);
      const sameDecision = (event: RecordedEvent) => {
        const data = event.data as { staffId?: string; reason?: string };
        return event.type === type && data.staffId === context.actor.id && data.reason === visibleText(reason);
      };
      if (await onlyRepeatSince(this.store, stream, seenRevision, sameDecision))
        return { state: await this.decisions.load(sessionCode, candidateId), position: null };
      throw changedSinceSeen('重新审核');
    }
  }

  /**
   * 批量通过: approves each enrollment as `decide` would, one after the other, each pinned to the
   * revision the staff member saw (a row ticked twice: the first tick); one that cannot be approved
   * (changed since, out of scope, not submitted) is reported and the others go ahead. A failure of
   * the store (5xx) stops the batch: it is returned in `stoppedBy`, with what was approved before it,
   * so that the caller waits for those approvals to be readable before it answers with the failure.
   */
  async approveAll(
    sessionCode: string,
    selected: Array<{ candidateId: string; revision?: bigint }>,
    reason: string,
    principal: Principal,
    context: CommandContext,
  ): Promise<BatchApproval> {
    const outcome: BatchApproval = { approved: [], refused: [], position: null };
    const once = new Map<string, { candidateId: string; revision?: bigint }>();
    for (const item of selected) if (!once.has(item.candidateId)) once.set(item.candidateId, item);
    for (const { candidateId, revision } of once.values())
      try {
        const result = await this.decide(sessionCode, candidateId, 'approve', reason, principal, context, revision);
        outcome.approved.push(candidateId);
        outcome.position = result.position ?? outcome.position;
      } catch (error) {
        if (!(error instanceof AppError) || error.httpStatus >= 500) return { ...outcome, stoppedBy: error };
        outcome.refused.push({ candidateId, code: error.code, message: error.message });
      }
    return outcome;
  }
}
