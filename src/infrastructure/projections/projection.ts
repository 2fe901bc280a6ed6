import type { RecordedEvent } from '../../shared/messages';
import type { Document, IndexSpec, ReadCollection } from '../read-store/read-store.port';

export interface ProjectionCollections {
  collection<T extends Document>(name: string): ReadCollection<T>;
}

/**
 * A read model built from the event log. `apply` must be idempotent under redelivery:
 * write through `put(id, doc, event.position)`, which ignores positions already applied.
 */
export interface ProjectionDefinition {
  /** Stable name; also the checkpoint's key. */
  name: string;
  /** Collections this projection owns (dropped on rebuild) and the indexes its queries need. */
  collections: Array<{ name: string; indexes?: IndexSpec[] }>;
  /** Event types it reads; other events only move its checkpoint. */
  eventTypes: readonly string[];
  apply(event: RecordedEvent, store: ProjectionCollections): Promise<void>;
}

export interface ProjectionStatus {
  name: string;
  checkpoint: string | null;
  /** Events of the log not yet applied when status was taken (0 when caught up). */
  behind: boolean;
  /** Time from the store accepting the last applied event to the projection applying it. */
  lastLagMs: number;
  running: boolean;
  error?: string;
}

/** Reported after each batch of a rebuild from position 0. */
export interface RebuildProgress {
  projection: string;
  /** Events read from the log so far (applied or skipped). */
  eventsRead: number;
  /** Of those, events of the projection's declared types. */
  eventsApplied: number;
  /** Position reached, and the log's head when the rebuild started (grows if appends continue). */
  position: bigint;
  headPosition: bigint;
  elapsedMs: number;
}

export interface RebuildResult {
  projection: string;
  eventsRead: number;
  eventsApplied: number;
  position: bigint;
  elapsedMs: number;
  eventsPerSec: number;
}
