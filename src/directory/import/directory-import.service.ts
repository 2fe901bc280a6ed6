import { Inject, Injectable } from '@nestjs/common';
import { toNewEvents } from '../../infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { ValidationError } from '../../shared/errors';
import { newId } from '../../shared/ids';
import type { CommandContext } from '../../shared/messages';
import { DirectoryCatalog } from '../directory-catalog.service';
import { directoryStream, type DirectoryEntriesImported } from '../directory.events';
import type { DirectoryEntry, DirectoryKind } from '../directory.types';
import { readDirectoryRows, type RowsResult } from '../seed-data/directory-rows';

/** Entries per event: keeps every event well under EventStoreDB's size limit. */
const ENTRIES_PER_EVENT = 2000;
export const MAX_IMPORT_ROWS = 50_000;

export interface ImportReport {
  kind: DirectoryKind;
  importId: string | null;
  /** Rows written: `added` + `updated`. */
  imported: number;
  added: number;
  updated: number;
  /** Rows equal to the entry already there: not written again. */
  unchanged: number;
  rejected: RowsResult['rejected'];
  directorySize: number;
}

/** Admin CSV import: good rows become events (added or updated by name), bad rows are reported by line. */
@Injectable()
export class DirectoryImportService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly catalog: DirectoryCatalog,
  ) {}

  async import(kind: DirectoryKind, csv: string, context: CommandContext): Promise<ImportReport> {
    const rows = readDirectoryRows(csv);
    if (rows.entries.length === 0 && rows.rejected.length === 0)
      throw new ValidationError([{ field: 'file', code: 'CSV_EMPTY', message: '文件中没有数据行' }]);
    if (rows.rejected.some((row) => row.errors.some((error) => error.code === 'CSV_HEADER')))
      throw new ValidationError(rows.rejected[0].errors);
    if (rows.entries.length + rows.rejected.length > MAX_IMPORT_ROWS)
      throw new ValidationError([
        { field: 'file', code: 'CSV_TOO_MANY_ROWS', message: `每次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` },
      ]);
    // Compared with what every process has imported, so an older import elsewhere is not mistaken for ours.
    await this.catalog.refresh([kind]);
    const { added, updated, unchanged } = this.compare(kind, rows.entries);
    const changed = [...added, ...updated];
    const counts = { added: added.length, updated: updated.length, unchanged: unchanged.length };
    if (changed.length === 0)
      return {
        kind,
        importId: null,
        imported: 0,
        ...counts,
        rejected: rows.rejected,
        directorySize: this.catalog.size(kind),
      };
    const importId = newId();
    const parts = Math.ceil(changed.length / ENTRIES_PER_EVENT);
    const events: DirectoryEntriesImported[] = [];
    for (let part = 0; part < parts; part++) {
      const entries = changed.slice(part * ENTRIES_PER_EVENT, (part + 1) * ENTRIES_PER_EVENT);
      events.push({ type: 'DirectoryEntriesImported', data: { kind, importId, entries, part: part + 1, parts } });
    }
    // One append: an import is all or nothing; order among imports does not matter (last wins by name).
    await this.store.append(directoryStream(kind), toNewEvents(events, context), 'any');
    await this.catalog.rebuild(kind);
    return {
      kind,
      importId,
      imported: changed.length,
      ...counts,
      rejected: rows.rejected,
      directorySize: this.catalog.size(kind),
    };
  }

  /** Sorts rows against the directory as loaded now; a re-imported file writes nothing. */
  private compare(kind: DirectoryKind, entries: DirectoryEntry[]) {
    const result = {
      added: [] as DirectoryEntry[],
      updated: [] as DirectoryEntry[],
      unchanged: [] as DirectoryEntry[],
    };
    for (const entry of entries) {
      const current = this.catalog.findExact(kind, entry.name);
      // The index keeps names differing only in letter case apart, so such a row is a new entry.
      if (!current || current.name !== entry.name) result.added.push(entry);
      else if (
        current.province === entry.province &&
        current.city === entry.city &&
        current.category === entry.category
      )
        result.unchanged.push(entry);
      else result.updated.push(entry);
    }
    return result;
  }
}
