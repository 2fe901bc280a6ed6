import { Inject, Injectable } from '@nestjs/common';
import type { Decider } from '../../shared/decider';
import { newId } from '../../shared/ids';
import type { CommandContext, DomainEvent, NewEvent } from '../../shared/messages';
import { EVENT_STORE, type EventStore, type ExpectedRevision } from '../event-store/event-store.port';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { eventRegistry } from '../event-store/serialization/event-registry';
import { CommandMetrics } from './command-metrics';
import { StreamStateCache, type StreamFold, type StreamState } from './stream-state-cache';

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
 * again (bounded), unless the caller pinned the revision it saw. Folded states are cached per
 * decider (one stream can be folded by several) and caught up from the store on every command.
 */
@Injectable()
export class EventSourcedHandler {
  private readonly caches = new WeakMap<object, StreamStateCache<unknown>>();

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
      const cache = this.cacheFor<State>(decider);
      for (let attempt = 0; ; attempt++) {
        const { revision, state } = await cache.catchUp(this.store, stream, decider);
        if (options.expectedRevision !== undefined && options.expectedRevision !== revision)
          throw new WrongExpectedRevisionError(
            stream,
            options.expectedRevision,
            revision < 0n ? 'no_stream' : revision,
          );
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
          // Another revision than ours plus the events (an idempotent repeat) is not what was folded.
          if (result.nextRevision === revision + BigInt(events.length))
            cache.remember(stream, { revision: result.nextRevision, state: newState });
          else cache.forget(stream);
          return { events, state: newState, revision: result.nextRevision, position: result.position };
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          // Read the stream whole again: this also heals a cached state a cut stream left ahead.
          cache.forget(stream);
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

  /** A stream's state as the next command on it would start from, for reads before a command. */
  load<State, Event extends DomainEvent>(
    stream: string,
    decider: StreamFold<State, Event>,
  ): Promise<StreamState<State>> {
    return this.cacheFor<State>(decider).catchUp(this.store, stream, decider);
  }

  private cacheFor<State>(decider: object): StreamStateCache<State> {
    let cache = this.caches.get(decider);
    if (!cache) this.caches.set(decider, (cache = new StreamStateCache()));
    return cache as StreamStateCache<State>;
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
