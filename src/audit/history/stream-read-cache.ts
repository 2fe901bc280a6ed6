import type { EventStore } from '../../infrastructure/event-store/event-store.port';
import type { RecordedEvent } from '../../shared/messages';

/** Events kept in memory at most (about 1 KB each parsed). */
const MAX_CACHED_EVENTS = 200_000;

/**
 * Parsed streams for auditors' repeated reads (paging through a long history, as-of at several
 * instants). Streams only grow, so a cached stream is brought up to date by reading its events
 * after the last one held: one cheap head look-up instead of parsing the whole stream again.
 * Least recently used streams are dropped first.
 */
export class StreamReadCache {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private cachedEvents = 0;

  constructor(private readonly store: EventStore) {}

  async read(stream: string): Promise<RecordedEvent[]> {
    const cached = this.streams.get(stream);
    if (!cached) return this.remember(stream, await this.store.readStream(stream));
    const last = cached.length === 0 ? -1n : cached[cached.length - 1].revision;
    const newer = await this.store.readStream(stream, { fromRevision: last + 1n });
    // A head below what we hold means the stream was cut (tampering): forget it and read it whole.
    if (newer.length === 0 && last >= 0n) {
      const [head] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      if (!head || head.revision !== last || head.id !== cached[cached.length - 1].id)
        return this.remember(stream, await this.store.readStream(stream));
    }
    return this.remember(stream, newer.length === 0 ? cached : [...cached, ...newer]);
  }

  private remember(stream: string, events: RecordedEvent[]): RecordedEvent[] {
    const previous = this.streams.get(stream);
    if (previous) {
      this.cachedEvents -= previous.length;
      this.streams.delete(stream);
    }
    this.streams.set(stream, events);
    this.cachedEvents += events.length;
    for (const [oldest, held] of this.streams) {
      if (this.cachedEvents <= MAX_CACHED_EVENTS || oldest === stream) break;
      this.streams.delete(oldest);
      this.cachedEvents -= held.length;
    }
    return events;
  }
}
