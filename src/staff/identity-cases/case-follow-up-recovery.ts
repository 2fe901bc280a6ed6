import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  IDENTITY_CASES_COLLECTION,
  type IdentityCaseDocument,
} from '../../../projections/identity-cases/identity-cases.projection';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import type { RecordedEvent } from '../../shared/messages';
import type { IdentityCaseDecision } from './identity-case.events';
import { IdentityCaseService } from './identity-case.service';

const EVERY_MS = 10 * 60_000;
/** Decisions this old or older are looked at again: a follow-up lost to a crash is found within a day. */
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
 * projections therefore runs again, at start and every 10 minutes, the follow-ups of each case's
 * latest decision of the last day: each is idempotent per decision id, so a complete one writes
 * nothing. A hand-over's code is not issued here (nobody would see it): staff issue it again from
 * the case page. Only the latest decision: an earlier one's follow-ups would undo a later one's.
 */
@Injectable()
export class CaseFollowUpRecovery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CaseFollowUpRecovery.name);
  private timer: NodeJS.Timeout | undefined;
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
    // Not awaited: the app serves meanwhile; the first run waits for nothing but the read model.
    setImmediate(run);
  }

  /** Runs the follow-ups again; returns the decisions whose follow-ups wrote something (were incomplete). */
  async runOnce(now: Date): Promise<string[]> {
    const cases = await this.readStore.collection<IdentityCaseDocument>(IDENTITY_CASES_COLLECTION);
    const since = new Date(now.getTime() - LOOK_BACK_MS).toISOString();
    const settled = new Date(now.getTime() - SETTLE_MS).toISOString();
    const recent = await cases.find({ filter: { 'lastDecision.at': { $gte: since, $lte: settled } } });
    const completed: string[] = [];
    for (const row of recent) {
      const decision = latestDecision(await this.store.readStream(row.identityStream));
      if (!decision || decision.data.decidedAt > settled) continue;
      const context = {
        actor: RECOVERY_ACTOR,
        correlationId: decision.metadata.correlationId,
        causationId: decision.id,
        now,
      };
      const wrote = await this.cases.followUp(row.identityStream, decision, context, { issueResetCode: false });
      if (wrote.changed) {
        completed.push(decision.data.decisionId);
        this.logger.warn(
          `Completed the follow-ups of case decision ${decision.data.decisionId} (${decision.type}) on ${row.identityStream}`,
        );
      }
    }
    return completed;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}

function latestDecision(events: RecordedEvent[]): (RecordedEvent & IdentityCaseDecision) | null {
  for (let index = events.length - 1; index >= 0; index--)
    if (DECISION_TYPES.includes(events[index].type))
      return events[index] as unknown as RecordedEvent & IdentityCaseDecision;
  return null;
}
