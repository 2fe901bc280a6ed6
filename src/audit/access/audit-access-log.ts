import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { CommandContext } from '../../shared/messages';
import { type AuditView, auditAccessStream, type CandidateRecordViewed } from './audit-access.events';

/**
 * Records an auditor's look-up before its answer leaves: a look-up that cannot be recorded is not
 * answered. Appended at any revision: look-ups only add to the stream, none depends on another.
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
}
