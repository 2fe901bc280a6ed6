import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import type { RecordedEvent } from '../../shared/messages';
import { CandidateLocator, type CandidateStreams } from './candidate-locator';
import { StreamReadCache } from './stream-read-cache';
import { type DescribedEntry, describeEntry } from './entry-description';
import { type HistoryKind, kindOf, toHistoryEntry } from './history-entry';

export interface HistoryQuery {
  kinds?: HistoryKind[];
  /** Only events the store accepted at or before this instant. */
  asOf?: Date;
  page?: number;
  pageSize?: number;
  /** With the auditors' own look-ups of the candidate (kind `audit`): for auditors, not for staff. */
  withAuditAccess?: boolean;
}

export interface HistoryPage {
  candidateId: string;
  username: string;
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  entries: DescribedEntry[];
}

export const MAX_PAGE_SIZE = 500;

/** A candidate's complete history: every stream that concerns them, merged in global order. */
@Injectable()
export class CandidateHistoryService {
  private readonly cache: StreamReadCache;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly locator: CandidateLocator,
  ) {
    this.cache = new StreamReadCache(store);
  }

  /** The events themselves, in global order, up to an instant if given (for as-of and export). */
  async events(streams: CandidateStreams, asOf?: Date, withAuditAccess = false): Promise<RecordedEvent[]> {
    const enrollmentIds = new Set(streams.enrollmentIds);
    const reads = [
      ...[...streams.own, ...(withAuditAccess ? [streams.auditAccess] : [])].map((stream) => this.cache.read(stream)),
      ...streams.shared.map(async (stream) =>
        (await this.cache.read(stream)).filter((event) =>
          enrollmentIds.has(String((event.data as { enrollmentId?: unknown }).enrollmentId)),
        ),
      ),
    ];
    const merged = (await Promise.all(reads)).flat();
    const cutoff = asOf?.toISOString();
    const kept = cutoff ? merged.filter((event) => event.recordedAt <= cutoff) : merged;
    return kept.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  }

  async history(reference: string, query: HistoryQuery = {}): Promise<HistoryPage> {
    const candidateId = await this.locator.resolve(reference);
    const streams = await this.locator.streams(candidateId);
    let events = await this.events(streams, query.asOf, query.withAuditAccess);
    if (query.kinds && query.kinds.length > 0) {
      const kinds = new Set(query.kinds);
      events = events.filter((event) => kinds.has(kindOf(event)));
    }
    const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize ?? 50)), MAX_PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(events.length / pageSize));
    const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
    return {
      candidateId,
      username: streams.username,
      total: events.length,
      page,
      pageSize,
      pages,
      entries: events
        .slice((page - 1) * pageSize, page * pageSize)
        .map((event) => describeEntry(toHistoryEntry(event), candidateId)),
    };
  }
}
