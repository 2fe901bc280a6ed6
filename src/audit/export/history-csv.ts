import type { HistoryEntry } from '../history/history-entry';

const COLUMNS = [
  'position',
  'recordedAt',
  'occurredAt',
  'streamId',
  'revision',
  'type',
  'kind',
  'actorRole',
  'actorId',
  'ip',
  'correlationId',
  'causationId',
  'eventId',
  'data',
] as const;

/** RFC 4180 quoting; a leading = + - @ is neutralised so spreadsheets do not run it as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A candidate's history as CSV (UTF-8 with BOM so Excel reads the Chinese), one event per row. */
export function historyToCsv(entries: HistoryEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.position,
      entry.recordedAt,
      entry.occurredAt,
      entry.streamId,
      entry.revision,
      entry.type,
      entry.kind,
      entry.actor.role,
      entry.actor.id,
      entry.ip ?? '',
      entry.correlationId,
      entry.causationId,
      entry.eventId,
      JSON.stringify(entry.data),
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
