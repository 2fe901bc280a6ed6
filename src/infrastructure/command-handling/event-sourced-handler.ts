import { Inject, Injectable } from '@nestjs/common';
import { fold, type Decider } from '../../shared/decider';
import { newId } from '../../shared/ids';
import type { CommandContext, DomainEvent, NewEvent } from '../../shared/messages';
import { EVENT_STORE, type EventStore, type ExpectedRevision } from '../event-store/event-store.port';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { eventRegistry } from '../event-store/serialization/event-registry';
import { CommandMetrics } from './command-metrics';

export interface HandleOptions {
  /** The revision the caller saw (If-Match): a conflict is reported, not retried. */
  expectedRevision?: bigint;
  maxRetries?: number;
}

export interface HandleResult<State, Event extends DomainEvent> {
  events: Event[];
  state: State;
  /** Revision of the stream's last event after the command (-1n: still no stream). */
  revision: bigint;
  /** Global position of the last event written; null when the command changed nothing. */
  position: bigint | null;
}

const DEFAULT_RETRIES = 5;

/**
 * Load → fold → decide → append with the expected revision; on a conflict, reload and decide
 * again (bounded), unless the caller pinned the revision it saw.
 */
@Injectable()
export class EventSourcedHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly metrics: CommandMetrics,
  ) {}

  async handle<State, Command extends { type: string }, Event extends DomainEvent>(
    stream: string,
    decider: Decider<State, Command, Event>,
    command: Command,
    context: CommandContext,
    options: HandleOptions = {},
  ): Promise<HandleResult<State, Event>> {
    const stopTimer = this.metrics.startCommand(command.type);
    const maxRetries = options.expectedRevision === undefined ? (options.maxRetries ?? DEFAULT_RETRIES) : 0;
    try {
      for (let attempt = 0; ; attempt++) {
        const recorded = await this.store.readStream(stream);
        const revision = recorded.length === 0 ? -1n : recorded[recorded.length - 1].revision;
        if (options.expectedRevision !== undefined && options.expectedRevision !== revision)
          throw new WrongExpectedRevisionError(
            stream,
            options.expectedRevision,
            revision < 0n ? 'no_stream' : revision,
          );
        const state = fold(decider, recorded as unknown as Event[]);
        const events = decider.decide(command, state);
        if (events.length === 0) {
          stopTimer('unchanged');
          return { events, state, revision, position: null };
        }
        const expected: ExpectedRevision = revision < 0n ? 'no_stream' : revision;
        try {
          const result = await this.store.append(stream, toNewEvents(events, context), expected);
          stopTimer('ok');
          const newState = events.reduce(decider.evolve, state);
          return { events, state: newState, revision: result.nextRevision, position: result.position };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          this.metrics.conflict(command.type);
          if (attempt >= maxRetries) throw error;
          this.metrics.retry(command.type);
        }
      }
    } catch (error) {
      stopTimer('error');
      throw error;
    }
  }
}

/** Wraps domain events with ids and the metadata every event carries. */
export function toNewEvents<Event extends DomainEvent>(events: Event[], context: CommandContext): NewEvent[] {
  const causationId = context.causationId ?? context.correlationId;
  return events.map((event) => {
    const id = newId();
    return {
      id,
      type: event.type,
      data: event.data,
      metadata: {
        messageId: id,
        correlationId: context.correlationId,
        causationId,
        actor: context.actor,
        occurredAt: context.now.toISOString(),
        ...(context.ip ? { ip: context.ip } : {}),
        schemaVersion: eventRegistry.schemaVersionOf(event.type),
      },
    };
  });
}
