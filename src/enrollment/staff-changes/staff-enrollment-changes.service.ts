import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import type { Principal } from '../../infrastructure/http/principal';
import { DomainError, ForbiddenError, ValidationError } from '../../shared/errors';
import type { CommandContext, RecordedEvent } from '../../shared/messages';
import { MAX_STAFF_NOTE_LENGTH } from '../../shared/staff-note';
import { EnrollmentDecisions } from '../enrollment-decisions';
import { enrollmentStream } from '../enrollment.events';
import { staffSiteCodeOf, type EnrollmentState } from '../enrollment.state';
import { ACTIVE } from '../enrollment.decider';
import { visibleText } from '../../shared/visible-text';
import { EnrollmentSeats, type SeatCommandResult } from '../seats/enrollment-seats.service';
import { coversSite, siteScopeOf } from '../staff-review/enrollment-review.service';
import { changedSinceSeen, onlyRepeatSince } from '../seen-revision';

export const MAX_NOTE_LENGTH = MAX_STAFF_NOTE_LENGTH;

/**
 * Changes staff make to an enrollment for the candidate — a change of site, 放弃报考 — also after
 * the deadlines, which bind candidates only. Staff act within their scope (the enrollment's site
 * and, for a move, the new site too) and say why; the note and who made the change are recorded
 * on the event. Seats follow the same rules as the candidate's own changes: never over capacity.
 * `seenRevision`: the revision of the enrollment the staff member looked at; if it has changed
 * since (the candidate withdrew and enrolled again, moved, was decided on), nothing is changed.
 */
@Injectable()
export class StaffEnrollmentChanges {
  constructor(
    private readonly seats: EnrollmentSeats,
    private readonly decisions: EnrollmentDecisions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async changeSite(
    sessionCode: string,
    candidateId: string,
    siteCode: string,
    note: string,
    principal: Principal,
    context: CommandContext,
    seenRevision?: bigint,
  ) {
    if (!/^\d{4}$/.test(siteCode))
      throw new ValidationError([{ field: 'siteCode', code: 'SITE_REQUIRED', message: '请选择考点' }]);
    const reason = requireNote(note);
    if (!coversSite(principal, siteCode)) throw new ForbiddenError('OUT_OF_SCOPE', '新考点不在您负责的考区或考点');
    const sameMove = (event: RecordedEvent) =>
      event.type === 'ExamSiteChanged' &&
      (event.data as { siteCode?: string }).siteCode === siteCode &&
      this.madeBy(event, context, reason);
    return this.pinned(sessionCode, candidateId, seenRevision, sameMove, () =>
      this.seats.changeSite(sessionCode, candidateId, siteCode, context, {
        note: reason,
        seenRevision,
        allowed: (found) => this.mayChange(sessionCode, candidateId, principal, found, seenRevision, sameMove),
        scope: siteScopeOf(principal),
      }),
    );
  }

  async withdraw(
    sessionCode: string,
    candidateId: string,
    note: string,
    principal: Principal,
    context: CommandContext,
    seenRevision?: bigint,
  ) {
    const reason = requireNote(note);
    const sameWithdrawal = (event: RecordedEvent) =>
      event.type === 'EnrollmentWithdrawn' && this.madeBy(event, context, reason);
    return this.pinned(sessionCode, candidateId, seenRevision, sameWithdrawal, () =>
      this.seats.withdraw(sessionCode, candidateId, context, {
        note: reason,
        seenRevision,
        allowed: (found) => this.mayChange(sessionCode, candidateId, principal, found, seenRevision, sameWithdrawal),
        scope: siteScopeOf(principal),
      }),
    );
  }

  /**
   * Staff may change an enrollment that was submitted (a draft is not an application, and staff do
   * not see drafts) and holds its seat within their scope, as they saw it. Checked inside the
   * enrollment's lock, on the enrollment as the change finds it: a candidate's own change just
   * before cannot slip past it. True: this very change was made since (a double click).
   */
  private async mayChange(
    sessionCode: string,
    candidateId: string,
    principal: Principal,
    found: { state: EnrollmentState; revision: bigint },
    seenRevision: bigint | undefined,
    isRepeat: (event: RecordedEvent) => boolean,
  ): Promise<boolean> {
    if (seenRevision !== undefined && found.revision !== seenRevision) {
      const stream = enrollmentStream(sessionCode, candidateId);
      if (await onlyRepeatSince(this.store, stream, seenRevision, isRepeat)) return true;
      throw changedSinceSeen('再办理变更');
    }
    if (!coversSite(principal, staffSiteCodeOf(found.state)))
      throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点');
    if (!ACTIVE.includes(found.state.status)) throw new DomainError('NOT_SUBMITTED', '只能为已提交的报名办理变更');
    return false;
  }

  private madeBy(event: RecordedEvent, context: CommandContext, note: string): boolean {
    return event.metadata.actor.id === context.actor.id && (event.data as { note?: string }).note === note;
  }

  /**
   * A change written by another process between the check and the write is also a change since the
   * page was seen — unless it is this very change (a double click whose clicks two processes served).
   */
  private async pinned(
    sessionCode: string,
    candidateId: string,
    seenRevision: bigint | undefined,
    isRepeat: (event: RecordedEvent) => boolean,
    change: () => Promise<SeatCommandResult>,
  ): Promise<SeatCommandResult> {
    try {
      return await change();
    } catch (error) {
      if (seenRevision === undefined || !(error instanceof WrongExpectedRevisionError)) throw error;
      const stream = enrollmentStream(sessionCode, candidateId);
      if (!(await onlyRepeatSince(this.store, stream, seenRevision, isRepeat))) throw changedSinceSeen('再办理变更');
      return { state: await this.decisions.load(sessionCode, candidateId), position: null };
    }
  }
}

/** The note as recorded: without characters that do not show (a note of only those is no note). */
function requireNote(note: string): string {
  const trimmed = visibleText(note);
  if (!trimmed) throw new ValidationError([{ field: 'note', code: 'NOTE_REQUIRED', message: '请填写变更原因' }]);
  if (trimmed.length > MAX_NOTE_LENGTH)
    throw new ValidationError([{ field: 'note', code: 'NOTE_TOO_LONG', message: '变更原因不超过500字' }]);
  return trimmed;
}
