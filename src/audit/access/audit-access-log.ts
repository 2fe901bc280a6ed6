import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { CommandContext } from '../../shared/messages';
import {
  type AuditView,
  auditAccessStream,
  type CandidateRecordViewed,
  type StaffView,
  type StaffViewedCandidateRecord,
} from './audit-access.events';

/**
 * Records an auditor's look-up, or a staff member's of one enrollment, before its answer leaves: a
 * look-up that cannot be recorded is not answered. Appended at any revision: look-ups only add to
 * the stream, none depends on another.
 */
@Injectable()
export class AuditAccessLog {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(
    candidateId: string,
    view: AuditView,
    terms: CandidateRecordViewed['data']['terms'],
    context: CommandContext,
  ): Promise<void> {
    const event: CandidateRecordViewed = { type: 'CandidateRecordViewed', data: { candidateId, view, terms } };
    await this.store.append(auditAccessStream(candidateId), toNewEvents([event], context), 'any');
  }

  /** Call once the staff member's scope is checked: a look-up refused shows nothing to record. */
  async recordStaffView(
    candidateId: string,
    sessionCode: string,
    view: StaffView,
    context: CommandContext,
  ): Promise<void> {
    const event: StaffViewedCandidateRecord = {
      type: 'StaffViewedCandidateRecord',
      data: { candidateId, sessionCode, view },
    };
    await this.store.append(auditAccessStream(candidateId), toNewEvents([event], context), 'any');
  }
}
