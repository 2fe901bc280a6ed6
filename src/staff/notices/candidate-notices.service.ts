import { Inject, Injectable } from '@nestjs/common';
import { candidateStream } from '../../accounts/accounts.streams';
import { EventSourcedHandler } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { fold } from '../../shared/decider';
import type { CommandContext } from '../../shared/messages';
import { accountDecisionDecider, type AccountDecisionState } from '../account-decisions/account-decision.decider';

export type PendingNotice = AccountDecisionState['pendingNotices'][number];

/** Staff decisions the candidate has not been told about; told once, at the next login. */
@Injectable()
export class CandidateNoticesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly handler: EventSourcedHandler,
  ) {}

  async pending(candidateId: string): Promise<PendingNotice[]> {
    const events = await this.store.readStream(candidateStream(candidateId));
    return fold(accountDecisionDecider, events as never).pendingNotices;
  }

  /** Returns the notices and records that they were shown. */
  async take(candidateId: string, context: CommandContext): Promise<PendingNotice[]> {
    const notices = await this.pending(candidateId);
    if (notices.length === 0) return [];
    await this.handler.handle(
      candidateStream(candidateId),
      accountDecisionDecider,
      { type: 'AcknowledgeNotices', now: context.now },
      context,
    );
    return notices;
  }
}
