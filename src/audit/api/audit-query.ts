import { ValidationError } from '../../shared/errors';
import { HISTORY_KINDS, type HistoryKind } from '../history/history-entry';
import { readBeijingInstant } from './beijing-instant';

/** `?kind=login,staff` → kinds; unknown kinds are refused rather than silently ignored. */
export function parseKinds(value: unknown): HistoryKind[] {
  if (value === undefined || value === '') return [];
  const raw = (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(','));
  const kinds = raw.map((item) => item.trim()).filter(Boolean);
  const unknown = kinds.filter((kind) => !(HISTORY_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new ValidationError([
      {
        field: 'kind',
        code: 'UNKNOWN_KIND',
        message: `未知的事件类别：${unknown.join('、')}（可选：${HISTORY_KINDS.join('、')}）`,
      },
    ]);
  return kinds as HistoryKind[];
}

/** `?at=` / `?asOf=` as the auditor meant it (readBeijingInstant); refused with a field error otherwise. */
export function parseInstant(value: unknown, field = 'at', now = new Date()): Date {
  // An as-of instant: a time without milliseconds covers its whole second (readBeijingInstant).
  const read = readBeijingInstant(typeof value === 'string' ? value : '', now, { wholeSecond: true });
  if (!read.ok) throw new ValidationError([{ field, code: read.code, message: read.message }]);
  return read.instant;
}

export function parsePositiveInt(value: unknown, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
