import { ENROLLMENT_PROFILES, type EnrollmentProfiles } from '../candidate-profile/enrollment-profiles.port';
import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { Principal } from '../../infrastructure/http/principal';
import { AppError, ForbiddenError, NotFoundError } from '../../shared/errors';
import { visibleText } from '../../shared/visible-text';
import type { CommandContext, RecordedEvent } from '../../shared/messages';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentStream } from '../enrollment.events';
import { staffSiteCodeOf, type EnrollmentState } from '../enrollment.state';
import { siteInScope, type SiteScope } from '../enrollment-rules';
import { changedSinceSeen, onlyRepeatSince } from '../seen-revision';

export interface BatchApproval {
  approved: string[];
  /** `candidateName`: only of an enrollment within the staff member's scope, for the page to name it. */
  refused: Array<{ candidateId: string; code: string; message: string; candidateName?: string }>;
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
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
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
    const { state } = await this.decisions.loadWithRevision(sessionCode, candidateId);
    // Before the revision: a wrong one must not tell apart an enrollment outside the scope.
    if (state.status === 'none') throw new NotFoundError('ENROLLMENT_NOT_FOUND', '未找到该考生的报名');
    if (!coversSite(principal, staffSiteCodeOf(state)))
      throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点');
    return this.decideOn(sessionCode, candidateId, outcome, reason, principal, context, seenRevision);
  }

  private async decideOn(
    sessionCode: string,
    candidateId: string,
    outcome: 'approve' | 'reject',
    reason: string,
    principal: Principal,
    context: CommandContext,
    seenRevision?: bigint,
    awaitingReviewOnly = false,
  ) {
    const scope = siteScopeOf(principal);
    const accountSuspended = outcome === 'approve' && (await this.profiles.get(candidateId))?.accountSuspended === true;
    const command =
      outcome === 'approve'
        ? { type: 'ApproveEnrollment' as const, reason, scope, awaitingReviewOnly, accountSuspended }
        : { type: 'RejectEnrollment' as const, reason, scope };
    try {
      const result = await this.decisions.execute(sessionCode, candidateId, command, context, {
        expectedRevision: seenRevision,
      });
      return { state: result.state, position: result.position };
    } catch (error) {
      if (seenRevision === undefined || !(error instanceof WrongExpectedRevisionError)) throw error;
      // A double click: the first request made this very decision, which the second would repeat.
      const stream = enrollmentStream(sessionCode, candidateId);
      if (await onlyRepeatSince(this.store, stream, seenRevision, sameDecision(outcome, reason, context)))
        return { state: await this.decisions.load(sessionCode, candidateId), position: null };
      throw changedSinceSeen('重新审核');
    }
  }

  /**
   * 批量通过: approves each enrollment awaiting review (已提交，待审核) as `decide` would, one after the
   * other, each pinned to the revision the staff member saw (a row ticked twice: the first tick); one
   * that cannot be approved (changed since, approved before, rejected, not submitted) is reported and
   * the others go ahead. One unknown or outside the scope gets the same answer, found before its
   * revision is compared: neither its name nor its revision shows through. Sent again, the rows this
   * batch approved count as approved (nothing is written twice). A failure of the store (5xx) stops
   * the batch: it is returned in `stoppedBy`, with what was approved before it, so that the caller
   * waits for those approvals to be readable before it answers with the failure.
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
    for (const { candidateId, revision } of once.values()) {
      let found: { state: EnrollmentState; revision: bigint } | undefined;
      try {
        found = await this.decisions.loadWithRevision(sessionCode, candidateId);
        if (found.state.status === 'none' || !coversSite(principal, staffSiteCodeOf(found.state))) {
          outcome.refused.push({ candidateId, ...NOT_FOUND_IN_SCOPE });
          continue;
        }
        const result = await this.decideOn(
          sessionCode,
          candidateId,
          'approve',
          reason,
          principal,
          context,
          revision,
          true,
        );
        outcome.approved.push(candidateId);
        outcome.position = result.position ?? outcome.position;
      } catch (error) {
        if (!(error instanceof AppError) || error.httpStatus >= 500) return { ...outcome, stoppedBy: error };
        // Pinned, a batch sent again is known by its revision (above); not pinned, by its last event.
        if (
          error.code === 'NOT_AWAITING_REVIEW' &&
          revision === undefined &&
          found &&
          (await this.approvedLastBy(sessionCode, candidateId, found.revision, reason, context))
        ) {
          outcome.approved.push(candidateId); // sent again: this batch approved it
          continue;
        }
        const candidateName = found?.state.basicInfo?.fullName;
        outcome.refused.push({
          candidateId,
          code: error.code,
          message: error.message,
          ...(candidateName ? { candidateName } : {}),
        });
      }
    }
    return outcome;
  }

  /** Whether the enrollment's last event (at `revision`) is this very approval: the same staff member, the same reason. */
  private approvedLastBy(
    sessionCode: string,
    candidateId: string,
    revision: bigint,
    reason: string,
    context: CommandContext,
  ) {
    const stream = enrollmentStream(sessionCode, candidateId);
    return onlyRepeatSince(this.store, stream, revision - 1n, sameDecision('approve', reason, context));
  }
}

/** The batch's answer for an enrollment that does not exist and for one outside the scope alike. */
const NOT_FOUND_IN_SCOPE = { code: 'ENROLLMENT_NOT_FOUND', message: '未找到您负责范围内的该报名' };

/** The same decision by the same staff member: what a double click or a form sent again repeats. */
function sameDecision(outcome: 'approve' | 'reject', reason: string, context: CommandContext) {
  const type = outcome === 'approve' ? 'EnrollmentApproved' : 'EnrollmentRejected';
  return (event: RecordedEvent) => {
    const data = event.data as { staffId?: string; reason?: string };
    return event.type === type && data.staffId === context.actor.id && data.reason === visibleText(reason);
  };
}
