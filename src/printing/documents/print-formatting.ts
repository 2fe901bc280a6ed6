/** Dates on paper are in Beijing time (UTC+8, no daylight saving), whatever the server's zone. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijing(value: unknown): Date | undefined {
  if (typeof value !== 'string' && !(value instanceof Date)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : new Date(date.getTime() + BEIJING_OFFSET_MS);
}

const two = (n: number) => String(n).padStart(2, '0');

/** 2027年05月20日; a value that is not a date (e.g. 2019-09) is shown as given. */
export function formatDate(value: unknown): string {
  const date = beijing(value);
  if (!date || (typeof value === 'string' && !value.includes('T'))) return value === undefined ? '' : String(value);
  return `${date.getUTCFullYear()}年${two(date.getUTCMonth() + 1)}月${two(date.getUTCDate())}日`;
}

/** 2027年05月20日 16:00 */
export function formatDateTime(value: unknown): string {
  const date = beijing(value);
  if (!date) return value === undefined ? '' : String(value);
  return `${formatDate(value)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** 2027年06月10日 09:00—11:30, or both full date-times when the sitting spans midnight. */
export function formatTimeRange(start: unknown, end: unknown): string {
  const from = beijing(start);
  const to = beijing(end);
  if (!from || !to) return `${formatDateTime(start)}—${formatDateTime(end)}`;
  const sameDay = formatDate(start) === formatDate(end);
  return sameDay
    ? `${formatDateTime(start)}—${two(to.getUTCHours())}:${two(to.getUTCMinutes())}`
    : `${formatDateTime(start)}—${formatDateTime(end)}`;
}
