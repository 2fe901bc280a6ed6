import type { DescribedEntry } from '../history/entry-description';

const COLUMNS = [
  'position',
  'recordedAt',
  'recordedAtBeijing',
  'occurredAt',
  'streamId',
  'revision',
  'type',
  'label',
  'kind',
  'actorRole',
  'actorId',
  'actor',
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

/**
 * A candidate's history as CSV: the instants in UTC (ISO 8601) for programs, beside the Beijing
 * time, the event's Chinese name and who did it in words, for the auditor reading it.
 * UTF-8 with BOM so Excel reads the Chinese; one event per row.
 */
export function historyToCsv(entries: DescribedEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.position,
      entry.recordedAt,
      entry.recordedAtBeijing,
      entry.occurredAt,
      entry.streamId,
      entry.revision,
      entry.type,
      entry.label,
      entry.kind,
      entry.actor.role,
      entry.actor.id,
      entry.actorText,
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
