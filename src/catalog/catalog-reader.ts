import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { NotFoundError } from '../shared/errors';
import type { CatalogEvent } from './catalog.events';
import { examStream } from './catalog.events';
import { evolveCatalog, initialCatalogState, type CatalogSession, type CatalogState } from './catalog.state';

/**
 * The catalog as the event store tells it, for deciding commands (windows, capacities): never the
 * read model. Folded state is cached per session and brought up to date by reading only the
 * events after the cached revision.
 */
@Injectable()
export class CatalogReader {
  private readonly cache = new Map<string, { revision: bigint; state: CatalogState }>();
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
    const cached = this.cache.get(sessionCode) ?? { revision: -1n, state: initialCatalogState() };
    const events = await this.store.readStream(examStream(sessionCode), { fromRevision: cached.revision + 1n });
    if (events.length === 0) return cached.state;
    let state = cached.state;
    for (const event of events) state = evolveCatalog(state, event as unknown as CatalogEvent);
    this.cache.set(sessionCode, { revision: events[events.length - 1].revision, state });
    return state;
  }

  async loadScheduled(sessionCode: string): Promise<CatalogState & { session: CatalogSession }> {
    const state = await this.load(sessionCode);
    if (!state.session) throw new NotFoundError('SESSION_NOT_FOUND', '考试不存在');
    return state as CatalogState & { session: CatalogSession };
  }
}
