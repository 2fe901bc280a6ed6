import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { CommandMetrics } from '../../infrastructure/command-handling/command-metrics';
import { StreamStateCache } from '../../infrastructure/command-handling/stream-state-cache';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { CommandContext } from '../../shared/messages';
import { decideSeatBatch, type SeatDecision } from './seat-batch';
import { seatDecider, type SeatCommand, type SeatState } from './seat.decider';
import { siteStream, type SeatEvent } from './seat.events';

const MAX_ATTEMPTS = 50;

interface Waiting {
  command: SeatCommand;
  context: CommandContext;
  resolve: (events: SeatEvent[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Decides seat commands on `site-<session>_<site>` streams. A popular site's stream is hot: its
 * folded state is cached with its revision and brought up to date from the events after it, and
 * the commands on one site are decided in this process one batch at a time. While a batch is being
 * written, the commands that arrive wait; the next batch takes them all, decides them one after
 * another on the state the previous ones leave, and writes their events in one append — so a hot
 * site takes as many seats per commit as there are candidates waiting, not one. Another process's
 * append shows up as a wrong expected revision: the cache catches up and the batch is decided again.
 */
@Injectable()
export class SeatLedger {
  private readonly cache = new StreamStateCache<SeatState>();
  /** Per site stream being written: the commands waiting for the next batch. */
  private readonly waiting = new Map<string, Waiting[]>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: CommandMetrics,
  ) {}

  /** Returns the events written for this command (none when it changed nothing). */
  execute(command: SeatCommand, context: CommandContext): Promise<SeatEvent[]> {
    const stream = siteStream(command.sessionCode, command.siteCode);
    return new Promise((resolve, reject) => {
      const entry = { command, context, resolve, reject };
      const queue = this.waiting.get(stream);
      if (queue) return void queue.push(entry);
      this.waiting.set(stream, []);
      void this.writeBatches(stream, [entry]);
    });
  }

  /** The site's seats as last committed (caught up from the store). */
  async held(sessionCode: string, siteCode: string): Promise<SeatState> {
    return (await this.catchUp(siteStream(sessionCode, siteCode))).state;
  }

  /** Writes `first`, then whatever waited meanwhile, until nothing waits. */
  private async writeBatches(stream: string, first: Waiting[]): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      await this.decideAndAppend(stream, batch);
      batch = this.waiting.get(stream) ?? [];
      this.waiting.set(stream, []);
    }
    this.waiting.delete(stream);
  }

  /** Settles every command of the batch; never throws. */
  private async decideAndAppend(stream: string, batch: Waiting[]): Promise<void> {
    const stopTimers = batch.map(({ command }) => this.metrics.startCommand(command.type));
    const settle = (decisions: SeatDecision[]) =>
      decisions.forEach((decision, index) => {
        if ('error' in decision) {
          stopTimers[index]('error');
          batch[index].reject(decision.error);
        } else {
          stopTimers[index](decision.events.length > 0 ? 'ok' : 'unchanged');
          batch[index].resolve(decision.events);
        }
      });
    try {
      for (let attempt = 1; ; attempt++) {
        const { revision, state } = await this.catchUp(stream);
        const { decisions, state: next } = decideSeatBatch(
          batch.map(({ command }) => command),
          state,
        );
        const written = decisions.flatMap((decision, index) =>
          'events' in decision ? toNewEvents(decision.events, batch[index].context) : [],
        );
        if (written.length === 0) return settle(decisions);
        try {
          const result = await this.store.append(stream, written, revision < 0n ? 'no_stream' : revision);
          this.cache.remember(stream, { revision: result.nextRevision, state: next });
          return settle(decisions);
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
          for (const { command } of batch) {
            this.metrics.conflict(command.type);
            this.metrics.retry(command.type);
          }
        }
      }
    } catch (error) {
      settle(batch.map(() => ({ error })));
    }
  }

  private catchUp(stream: string) {
    return this.cache.catchUp(this.store, stream, seatDecider);
  }
}
