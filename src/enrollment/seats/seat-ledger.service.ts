import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { CommandMetrics } from '../../infrastructure/command-handling/command-metrics';
import { WrongExpectedRevisionError } from '../../infrastructure/event-store/event-store.errors';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { CommandContext } from '../../shared/messages';
import { KeyedLock } from '../keyed-lock';
import { decideSeat, evolveSeat, initialSeatState, type SeatCommand, type SeatState } from './seat.decider';
import { siteStream, type SeatEvent } from './seat.events';

const MAX_ATTEMPTS = 50;

/**
 * Decides seat commands on `site-<session>_<site>` streams. A popular site's stream is hot, so the
 * folded state is cached with its revision and brought up to date from the events after it, and
 * commands on one site are queued in this process. Another process's append shows up as a wrong
 * expected revision: the cache catches up and the command is decided again.
 */
@Injectable()
export class SeatLedger {
  private readonly cache = new Map<string, { revision: bigint; state: SeatState }>();
  private readonly lock = new KeyedLock();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: CommandMetrics,
  ) {}

  /** Returns the events written (none when the command changed nothing). */
  execute(command: SeatCommand, context: CommandContext): Promise<SeatEvent[]> {
    const stream = siteStream(command.sessionCode, command.siteCode);
    return this.lock.run(stream, () => this.decideAndAppend(stream, command, context));
  }

  async held(sessionCode: string, siteCode: string): Promise<SeatState> {
    const stream = siteStream(sessionCode, siteCode);
    return this.lock.run(stream, () => this.catchUp(stream).then((entry) => entry.state));
  }

  private async decideAndAppend(stream: string, command: SeatCommand, context: CommandContext): Promise<SeatEvent[]> {
    const stopTimer = this.metrics.startCommand(command.type);
    try {
      for (let attempt = 1; ; attempt++) {
        const { revision, state } = await this.catchUp(stream);
        const events = decideSeat(command, state);
        if (events.length === 0) {
          stopTimer('unchanged');
          return events;
        }
        try {
          const result = await this.store.append(
            stream,
            toNewEvents(events, context),
            revision < 0n ? 'no_stream' : revision,
          );
          this.cache.set(stream, { revision: result.nextRevision, state: events.reduce(evolveSeat, state) });
          stopTimer('ok');
          return events;
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
          this.metrics.conflict(command.type);
          this.metrics.retry(command.type);
        }
      }
    } catch (error) {
      stopTimer('error');
      throw error;
    }
  }

  private async catchUp(stream: string): Promise<{ revision: bigint; state: SeatState }> {
    const cached = this.cache.get(stream) ?? { revision: -1n, state: initialSeatState() };
    const events = await this.store.readStream(stream, { fromRevision: cached.revision + 1n });
    if (events.length === 0) return cached;
    const state = events.reduce((s, e) => evolveSeat(s, e as unknown as SeatEvent), cached.state);
    const entry = { revision: events[events.length - 1].revision, state };
    this.cache.set(stream, entry);
    return entry;
  }
}
