import { eventRegistry } from '../infrastructure/event-store/serialization/event-registry';
import { streamName } from '../shared/ids';
import type { DomainEvent } from '../shared/messages';
import type { DirectoryEntry, DirectoryKind } from './directory.types';

/**
 * An admin's CSV import, on the `directory-<kind>` stream: the entries added or updated (same
 * name → new province, city, category). The seed CSVs are the base; these events are replayed on
 * top at start, so imports are durable, audited (actor, time) and shared by every app process.
 */
export type DirectoryEntriesImported = DomainEvent<
  'DirectoryEntriesImported',
  { kind: DirectoryKind; importId: string; entries: DirectoryEntry[]; part: number; parts: number }
>;

export type DirectoryEvent = DirectoryEntriesImported;

export const directoryStream = (kind: DirectoryKind): string => streamName('directory', kind);

eventRegistry.registerTypes('DirectoryEntriesImported');
