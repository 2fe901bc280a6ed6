import { beijingMinute } from '../../accounts/web/form-page';

/** What an auditor typed for "as of", read as an instant, or why it cannot be. */
export type TypedInstant =
  | { ok: true; instant: Date }
  | { ok: false; code: 'INSTANT_REQUIRED' | 'INVALID_INSTANT' | 'INSTANT_IN_FUTURE'; message: string };

const BEIJING_OFFSET_MINUTES = 8 * 60;

/**
 * A date, then optionally a time (`T` or spaces between), then optionally `Z` or an offset; the
 * date's separator is `-` or `/`, the same twice. Times as the pages show them fit (2026-11-28 07:54).
 */
const TYPED_TIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The suffix of times the product shows in notices (chinaTime), so a copied time reads as it was shown. */
const SHOWN_ZONE = /\s*\(北京时间\)$/;

/**
 * The instant an auditor meant. The product shows every time in Beijing time, so a time without an
 * offset is Beijing time (whatever the server's zone); a date alone is its 00:00. `Z` or an offset
 * is taken as given. Full-width digits and punctuation (a Chinese IME) are folded first. A time
 * after `now` is refused: no state after now is known, and showing today under a future heading
 * would claim otherwise.
 */
export function readBeijingInstant(typed: string, now: Date): TypedInstant {
  const text = typed
    .normalize('NFKC')
    .replace(/\p{Pd}/gu, '-')
    .trim()
    .replace(SHOWN_ZONE, '');
  if (!text) return { ok: false, code: 'INSTANT_REQUIRED', message: '请输入时间' };
  const instant = instantOf(text);
  if (!instant)
    return {
      ok: false,
      code: 'INVALID_INSTANT',
      message: `无法识别时间“${shown(typed)}”，请按北京时间输入，例如 2027-03-01 09:30`,
    };
  if (instant.getTime() > now.getTime())
    return {
      ok: false,
      code: 'INSTANT_IN_FUTURE',
      message: `时间不能晚于当前时间（现在是北京时间 ${beijingMinute(now.toISOString())}）`,
    };
  return { ok: true, instant };
}

/** What was typed, for the message; a long paste cut short so the message stays one line. */
function shown(typed: string): string {
  const text = typed.trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function instantOf(text: string): Date | null {
  const match = TYPED_TIME.exec(text);
  if (!match) return null;
  const [, year, , month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
  // An offset without a time of day (2026-11-28Z) is no form anyone reads the same way.
  if (zone && match[5] === undefined) return null;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const [y, mo, d, h, mi, s] = parts;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59) return null;
  const calendar = new Date(Date.UTC(y, mo - 1, d));
  if (calendar.getUTCMonth() !== mo - 1 || calendar.getUTCDate() !== d) return null; // 2026-02-30
  const offset = offsetMinutes(zone);
  if (offset === null) return null;
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  const wallClock = Date.UTC(y, mo - 1, d, h, mi, s, millis);
  return new Date(wallClock - offset * 60_000);
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
