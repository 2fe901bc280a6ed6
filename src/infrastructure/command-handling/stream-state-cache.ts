import type { Decider } from '../../shared/decider';
import type { DomainEvent } from '../../shared/messages';
import type { EventStore } from '../event-store/event-store.port';

/**
 * Streams kept per fold. A registration peak has a few thousand candidates mid-enrollment; their
 * states are a few KB each, so this holds them all in tens of MB per fold. An evicted stream is
 * only read whole again.
 */
export const MAX_CACHED_STREAMS = 20_000;

export interface StreamState<State> {
  /** Revision of the last event folded in (-1n: no stream yet). */
  revision: bigint;
  state: State;
}

export type StreamFold<State, Event extends DomainEvent> = Pick<
  Decider<State, unknown, Event>,
  'initialState' | 'evolve'
>;

/**
 * Folded stream states with the revision they reached, least recently used dropped first. Streams
 * are append-only, so a cached state is brought up to date by reading only the events after its
 * revision: always from the store, which keeps it right when other processes append too. States
 * are shared, never copied: evolve must return new objects, and nobody may mutate a state.
 */
export class StreamStateCache<State> {
  private readonly entries = new Map<string, StreamState<State>>();

  constructor(private readonly capacity = MAX_CACHED_STREAMS) {}

  get size(): number {
    return this.entries.size;
  }

  async catchUp<Event extends DomainEvent>(
    store: EventStore,
    stream: string,
    fold: StreamFold<State, Event>,
  ): Promise<StreamState<State>> {
    const cached = this.entries.get(stream);
    const from = cached ?? { revision: -1n, state: fold.initialState() };
    const events = await store.readStream(stream, { fromRevision: from.revision + 1n });
    if (events.length === 0) {
      if (cached) this.remember(stream, cached);
      return from;
    }
    let state = from.state;
    for (const event of events) state = fold.evolve(state, event as unknown as Event);
    const caughtUp = { revision: events[events.length - 1].revision, state };
    this.remember(stream, caughtUp);
    return caughtUp;
  }

  remember(stream: string, entry: StreamState<State>): void {
    const held = this.entries.get(stream);
    // A slower concurrent command must not put an older state back over a newer one.
    if (held && held.revision > entry.revision) return;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(stream: string): void {
    this.entries.delete(stream);
  }
}
