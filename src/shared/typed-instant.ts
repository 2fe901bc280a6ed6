/*
 * Times as people type them into the product's forms. Every time the product shows is Beijing
 * time, so one typed without an offset is Beijing time, whatever the server's zone.
 */

const BEIJING_OFFSET_MINUTES = 8 * 60;

/**
 * A date, then optionally a time (`T` or spaces between), then optionally `Z` or an offset; the
 * date's separator is `-` or `/`, the same twice (年月日 is rewritten so first). Times as the pages
 * show them fit (2026-11-28 07:54, 2027年1月31日 17:00).
 */
const TYPED_TIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** 2027年1月31日, as /exams and the home page show a day (formatBeijingTime). */
const CHINESE_DATE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*/;

/** The suffix of times the product shows in notices, so a copied time reads as it was shown. */
const SHOWN_ZONE = /\s*\(北京时间\)$/;

/**
 * The instant meant, or null when the text is none: a date alone is its 00:00 in Beijing, `Z` or an
 * offset is taken as given, full-width digits and punctuation (a Chinese IME) are folded first.
 * Blank text is null too: callers say 请输入 themselves.
 */
export function instantTypedInBeijing(typed: string): Date | null {
  const text = typed
    .normalize('NFKC')
    .replace(/\p{Pd}/gu, '-')
    .trim()
    .replace(SHOWN_ZONE, '')
    .replace(CHINESE_DATE, '$1-$2-$3 ')
    .trim();
  const match = TYPED_TIME.exec(text);
  if (!match) return null;
  const [, year, , month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  // An offset without a time of day (2026-11-28Z) is no form anyone reads the same way.
  if (zone && match[5] === undefined) return null;
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d) return null; // 2026-02-30
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, millis) - offset * 60_000);
}

/** 2027-01-31T17:00:00+08:00: an instant as the catalog stores its windows, in Beijing time. */
export function beijingIso(instant: Date): string {
  const wallClock = new Date(instant.getTime() + BEIJING_OFFSET_MINUTES * 60_000).toISOString();
  return `${wallClock.slice(0, 19)}+08:00`;
}

/** Minutes east of UTC: Beijing when none is given; null when the offset is no real one. */
function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return BEIJING_OFFSET_MINUTES;
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 14 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** An instant as a wall clock in Beijing (`2026-11-26 11:20`, or `… 11:20:05` to the second); an unreadable one as it is. */
export function beijingWallClock(iso: string, precision: 'minute' | 'second'): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const shifted = new Date(time + BEIJING_OFFSET_MINUTES * 60_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, precision === 'minute' ? 16 : 19)}`;
}
