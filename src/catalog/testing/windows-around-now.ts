import type { SessionWindows } from '../catalog.events';

const DAY = 24 * 3600_000;
const BEIJING = 8 * 3600_000;

/** The Beijing calendar day (YYYY-MM-DD) `days` from `now`. */
const beijingDay = (now: number, days: number): string =>
  new Date(now + days * DAY + BEIJING).toISOString().slice(0, 10);

/**
 * Windows for tests and benchmarks, around the moment they run rather than the seed's 2027 dates
 * (the catalog refuses a registration close after the first exam day, so fixed exam days would
 * expire): registration open from yesterday for 30 days, the exam days two months on, ticket
 * printing before them — or open now, with the exam days right after the registration close.
 */
export function windowsAroundNow(now = Date.now(), printing: 'later' | 'now' = 'later'): SessionWindows {
  const at = (days: number) => new Date(now + days * DAY).toISOString();
  const examDates =
    printing === 'now' ? [beijingDay(now, 32), beijingDay(now, 33)] : [beijingDay(now, 90), beijingDay(now, 91)];
  return {
    registrationOpensAt: at(-1),
    registrationClosesAt: at(30),
    withdrawalDeadline: at(30),
    ticketPrintingOpensAt: printing === 'now' ? at(-1) : at(60),
    ticketPrintingClosesAt: `${examDates[1]}T12:00:00+08:00`,
    examDates,
  };
}
