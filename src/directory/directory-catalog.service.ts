import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EVENT_STORE, type EventStore } from '../infrastructure/event-store/event-store.port';
import { directoryStream, type DirectoryEntriesImported } from './directory.events';
import { DIRECTORY_KINDS, type DirectoryEntry, type DirectoryHit, type DirectoryKind } from './directory.types';
import { DirectoryIndex } from './search/directory-index';
import { readDirectoryRows } from './seed-data/directory-rows';

const SEED_FILES: Record<DirectoryKind, string> = { employer: 'hospitals.csv', school: 'schools.csv' };
/** Imports made by another app process are picked up within this time. */
const REFRESH_INTERVAL_MS = 15_000;

/**
 * The two directories in memory: the seed CSVs, then every import event replayed on top. Rebuilt
 * after an import here, and when the `directory-<kind>` stream grew (another process imported).
 */
@Injectable()
export class DirectoryCatalog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DirectoryCatalog.name);
  private readonly indexes = new Map<DirectoryKind, { index: DirectoryIndex; revision: bigint }>();
  private readonly seeds = new Map<DirectoryKind, DirectoryEntry[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onModuleInit(): Promise<void> {
    for (const kind of DIRECTORY_KINDS) {
      const { entries, rejected } = readDirectoryRows(
        readFileSync(join(this.config.directorySeedDir, SEED_FILES[kind]), 'utf8'),
      );
      if (rejected.length > 0) this.logger.warn(`${SEED_FILES[kind]}: ${rejected.length} rows skipped`);
      this.seeds.set(kind, entries);
      await this.rebuild(kind);
    }
    this.timer = setInterval(() => void this.refresh().catch((e) => this.logger.warn(String(e))), REFRESH_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  search(kind: DirectoryKind, query: string, limit?: number): DirectoryHit[] {
    return this.indexOf(kind).search(query, limit);
  }

  /** The entry with exactly this name: a typed value that counts as chosen from the directory. */
  findExact(kind: DirectoryKind, name: string): DirectoryEntry | undefined {
    return this.indexOf(kind).findExact(name);
  }

  size(kind: DirectoryKind): number {
    return this.indexOf(kind).size;
  }

  /** Reloads a directory from its seed and its import events. */
  async rebuild(kind: DirectoryKind): Promise<void> {
    const events = await this.store.readStream(directoryStream(kind));
    const entries = [...(this.seeds.get(kind) ?? [])];
    for (const event of events) entries.push(...(event.data as DirectoryEntriesImported['data']).entries);
    const revision = events.length === 0 ? -1n : events[events.length - 1].revision;
    this.indexes.set(kind, { index: new DirectoryIndex(entries), revision });
  }

  /** Rebuilds the directories whose stream grew since loaded (another process imported). */
  async refresh(kinds: readonly DirectoryKind[] = DIRECTORY_KINDS): Promise<void> {
    for (const kind of kinds) {
      const [last] = await this.store.readStream(directoryStream(kind), { direction: 'backwards', maxCount: 1 });
      if (last && last.revision !== this.indexes.get(kind)?.revision) await this.rebuild(kind);
    }
  }

  private indexOf(kind: DirectoryKind): DirectoryIndex {
    const loaded = this.indexes.get(kind);
    if (!loaded) throw new Error(`Directory ${kind} is not loaded yet`);
    return loaded.index;
  }
}
