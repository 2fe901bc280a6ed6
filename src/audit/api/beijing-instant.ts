import { beijingMinute } from '../../accounts/web/form-page';
import { instantTypedInBeijing } from '../../shared/typed-instant';

/** What an auditor typed for "as of", read as an instant, or why it cannot be. */
export type TypedInstant =
  | { ok: true; instant: Date }
  | { ok: false; code: 'INSTANT_REQUIRED' | 'INVALID_INSTANT' | 'INSTANT_IN_FUTURE'; message: string };

/**
 * The instant an auditor meant. The product shows every time in Beijing time, so a time without an
 * offset is Beijing time (whatever the server's zone); a date alone is its 00:00. `Z` or an offset
 * is taken as given. Full-width digits and punctuation (a Chinese IME) are folded first. A time
 * after `now` is refused: no state after now is known, and showing today under a future heading
 * would claim otherwise.
 */
export function readBeijingInstant(typed: string, now: Date, options: { wholeSecond?: boolean } = {}): TypedInstant {
  if (!typed.normalize('NFKC').trim()) return { ok: false, code: 'INSTANT_REQUIRED', message: '请输入时间' };
  const instant = instantTypedInBeijing(typed);
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
  // As of a time copied from the history (shown to the second): every event of that second, not
  // only those of its first millisecond. A time typed with its milliseconds is taken exactly.
  if (options.wholeSecond && !TYPED_FRACTION.test(typed.normalize('NFKC')))
    return { ok: true, instant: new Date(Math.min(instant.getTime() + 999, now.getTime())) };
  return { ok: true, instant };
}

const TYPED_FRACTION = /:\d{2}[.,]\d/;

/** What was typed, for the message; a long paste cut short so the message stays one line. */
function shown(typed: string): string {
  const text = typed.trim();
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
