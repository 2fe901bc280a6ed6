import { ValidationError } from '../../shared/errors';
import { HISTORY_KINDS, type HistoryKind } from '../history/history-entry';

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

/** An instant as ISO 8601 or `YYYY-MM-DDTHH:mm` (China time, as the page's input sends it). */
export function parseInstant(value: unknown, field = 'at'): Date {
  const text = typeof value === 'string' ? value.trim() : '';
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)
    ? `${text}${text.length === 16 ? ':00' : ''}+08:00`
    : text;
  const date = new Date(local);
  if (!text || Number.isNaN(date.getTime()))
    throw new ValidationError([{ field, code: 'INVALID_INSTANT', message: '请输入有效的时间，例如 2027-03-01T09:30' }]);
  return date;
}

export function parsePositiveInt(value: unknown, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}
