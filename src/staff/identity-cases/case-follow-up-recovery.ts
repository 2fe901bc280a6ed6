import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  IDENTITY_CASES_COLLECTION,
  type IdentityCaseDocument,
} from '../../../projections/identity-cases/identity-cases.projection';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import type { RecordedEvent } from '../../shared/messages';
import { fold } from '../../shared/decider';
import { identityCaseDecider, type IdentityCaseEvent } from './identity-case.decider';
import type { IdentityCaseDecision } from './identity-case.events';
import { IdentityCaseService } from './identity-case.service';

const EVERY_MS = 10 * 60_000;
/** Decisions younger than this are looked at again: a follow-up lost to a crash is found within a day. */
const LOOK_BACK_MS = 24 * 3600_000;
/** Younger ones are left to the request still carrying them out. */
const SETTLE_MS = 60_000;
const RECOVERY_ACTOR = { id: 'case-follow-up-recovery', role: 'system' } as const;
const DECISION_TYPES: readonly string[] = [
  'IdentityReassigned',
  'IdentityHolderSuspended',
  'IdentityCaseDismissed',
] satisfies Array<IdentityCaseDecision['type']>;

/**
 * A case decision's follow-ups on the account (suspension, notice, withdrawals, reinstatement) run
 * right after it, in the request that decided; a process that dies in between would leave an
 * accepted decision without its effect (an impostor still signed in). The process that runs the
 * projections therefore runs them again, at start and every 10 minutes, for the cases decided in
 * the last day (see decisionsToComplete): each is idempotent per decision id, so a complete one
 * writes nothing. A hand-over's code is not issued here (nobody would see it): staff issue it
 * again from the case page. Cases whose read-model row lags are found by a later run.
 */
@Injectable()
export class CaseFollowUpRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseFollowUpRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Immediate | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cases: IdentityCaseService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'runProjections'>,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runProjections) return;
    const run = () => {
      this.running = this.runOnce(new Date()).catch((error: Error) =>
        this.logger.warn(`Case follow-up recovery failed: ${error.message}`),
      );
    };
    this.timer = setInterval(run, EVERY_MS);
    this.timer.unref();
    // Not awaited: the app serves meanwhile.
    this.first = setImmediate(run);
  }

  /** Runs the follow-ups again; returns the decisions whose follow-ups wrote something (were incomplete). */
  async runOnce(now: Date): Promise<string[]> {
    const cases = await this.readStore.collection<IdentityCaseDocument>(IDENTITY_CASES_COLLECTION);
    const since = new Date(now.getTime() - LOOK_BACK_MS).toISOString();
    const settled = new Date(now.getTime() - SETTLE_MS).toISOString();
    const recent = await cases.find({ filter: { 'lastDecision.at': { $gte: since, $lte: settled } } });
    const completed: string[] = [];
    for (const row of recent) {
      try {
        completed.push(...(await this.complete(row.identityStream, since, settled, now)));
      } catch (error) {
        // One case failing (a store error, a conflict) must not keep the others waiting.
        this.logger.warn(`Case follow-up recovery of ${row.identityStream} failed: ${(error as Error).message}`);
      }
    }
    return completed;
  }

  private async complete(identityStream: string, since: string, settled: string, now: Date): Promise<string[]> {
    const events = await this.store.readStream(identityStream);
    const completed: string[] = [];
    for (const decision of decisionsToComplete(events, since)) {
      if (decision.data.decidedAt > settled) continue;
      const context = {
        actor: RECOVERY_ACTOR,
        correlationId: decision.metadata.correlationId,
        causationId: decision.id,
        now,
      };
      const { changed } = await this.cases.followUp(identityStream, decision, context, { issueResetCode: false });
      if (!changed) continue;
      completed.push(decision.data.decisionId);
      this.logger.warn(
        `Completed the follow-ups of case decision ${decision.data.decisionId} (${decision.type}) on ${identityStream}`,
      );
    }
    return completed;
  }

  async onModuleDestroy(): Promise<void> {
    clearImmediate(this.first);
    clearInterval(this.timer);
    await this.running;
  }
}

/**
 * The decisions whose follow-ups may be run again, in stream order, of those still in force: the
 * latest decision; a hand-over that still stands (later only dismissals of new attempts, which
 * keep it); and every freeing of the identity (registerAnew) decided since `since`, whose old
 * account nothing gives back. Not an earlier 暂停 or dismissal: a later decision overrode it, and
 * running it again would undo that one.
 */
export function decisionsToComplete(
  events: RecordedEvent[],
  since: string,
): Array<RecordedEvent & IdentityCaseDecision> {
  const decisions = events.filter((event) => DECISION_TYPES.includes(event.type)) as Array<
    RecordedEvent & IdentityCaseDecision
  >;
  const state = fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]);
  const latest = decisions.at(-1);
  return decisions.filter(
    (decision) =>
      decision === latest ||
      (decision.type === 'IdentityReassigned' &&
        (decision.data.mode === 'registerAnew'
          ? decision.data.decidedAt >= since
          : state.handedOver && state.handOverId === decision.data.decisionId)),
  );
}
