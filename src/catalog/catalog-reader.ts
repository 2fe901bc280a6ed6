import { Inject, Injectable } from '@nestjs/common';
import { StreamStateCache, type StreamFold } from '../infrastructure/command-handling/stream-state-cache';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { NotFoundError } from '../shared/errors';
import type { CatalogEvent } from './catalog.events';
import { examStream } from './catalog.events';
import { evolveCatalog, initialCatalogState, type CatalogSession, type CatalogState } from './catalog.state';

const catalogFold: StreamFold<CatalogState, CatalogEvent> = {
  initialState: initialCatalogState,
  evolve: evolveCatalog,
};

/**
 * The catalog as the event store tells it, for deciding commands (windows, capacities): never the
 * read model. Folded state is cached per session and brought up to date by reading only the
 * events after the cached revision.
 */
@Injectable()
export class CatalogReader {
  private readonly folded = new StreamStateCache<CatalogState>();
  /** Concurrent commands share one refresh instead of each folding the stream. */
  private readonly inFlight = new Map<string, Promise<CatalogState>>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  load(sessionCode: string): Promise<CatalogState> {
    const pending = this.inFlight.get(sessionCode);
    if (pending) return pending;
    const refresh = this.refresh(sessionCode).finally(() => this.inFlight.delete(sessionCode));
    this.inFlight.set(sessionCode, refresh);
    return refresh;
  }

  private async refresh(sessionCode: string): Promise<CatalogState> {
    return (await this.folded.catchUp(this.store, examStream(sessionCode), catalogFold)).state;
  }

  async loadScheduled(sessionCode: string): Promise<CatalogState & { session: CatalogSession }> {
    const state = await this.load(sessionCode);
    if (!state.session) throw new NotFoundError('SESSION_NOT_FOUND', '考试不存在');
    return state as CatalogState & { session: CatalogSession };
  }
}
