import { dateAsMeant, digitsAsMeant } from '../../shared/digits-as-meant';
import { ValidationError, type FieldError } from '../../shared/errors';
import { beijingIso, instantTypedInBeijing } from '../../shared/typed-instant';
import type { CategoryLevel, EducationLevel, SessionWindows } from '../catalog.events';
import type { CatalogCommand } from '../catalog.decider';
import { WINDOW_FIELDS } from '../window-fields';
import { INSTANT } from '../catalog-validation';

/*
 * The admin catalog page's forms, read as an admin means them: a Chinese IME types full-width digits
 * (１２０, ２０２７), which are the digits, as in the profile. The rules stay with the decider; what
 * cannot be read is passed on as typed, so that its message names it.
 */

/** A urlencoded form's string fields, by name. */
export type Form = Record<string, string | undefined>;

export function formText(form: Form, name: string): string {
  return (form[name] ?? '').trim();
}

/** A code or a count: full-width digits folded, spaces dropped. */
const digitsOf = (form: Form, name: string): string => digitsAsMeant(formText(form, name));

/** A whole number typed in a form; anything else (blank, 0x10, 1e3, 12.5) is NaN, which validation refuses. */
export function numberOrNaN(typed: string): number {
  return /^\d{1,9}$/.test(typed) ? Number(typed) : Number.NaN;
}

/**
 * An exam day as admins write it: 2027-8-21, 2027/8/21 and 2027年8月21日 are 2027-08-21. Only the
 * padding is added; whether the day exists (2027-02-30) is the rules' to say.
 */
export function examDayAsMeant(typed: string): string {
  const meant = dateAsMeant(typed);
  return /^\d{4}-\d{2}-\d{2}$/.test(meant) ? meant : typed;
}

/** Several exam days in one box, separated as people do: commas (either width), 、, semicolons or spaces. */
export function examDaysAsMeant(typed: string): string[] {
  return typed
    .split(/[,，、;；\s]+/)
    .filter(Boolean)
    .map(examDayAsMeant);
}

/**
 * A window's time as admins type it: one already in the catalog's form (ISO 8601 with `Z` or an
 * offset) is kept as written, so an unchanged form saves what it showed; any other written time is
 * read as the pages show times, Beijing time unless it names its zone (2027-01-31 17:00 and
 * 2027-01-31 17:00+08:00 are 2027-01-31T17:00:00+08:00). A date without a time of day is not
 * guessed (a deadline's 00:00 or its end?), nor anything unreadable: passed on NFKC-folded, with a
 * space kept, for the message to show it.
 */
export function windowTimeAsMeant(typed: string): string {
  const folded = typed.normalize('NFKC').trim();
  if (INSTANT.test(folded)) return folded;
  const instant = /\d:\d{2}/.test(folded) ? instantTypedInBeijing(folded) : null;
  return instant ? beijingIso(instant) : folded;
}

/**
 * A time typed on the page that is no time at all is refused in the page's own terms (the rules'
 * message names the API's form): Beijing time, as the hint shows it.
 */
function unreadableTimes(form: Form, windows: Record<string, string>): FieldError[] {
  return WINDOW_FIELDS.filter(([name]) => {
    const value = windows[name];
    return formText(form, name) !== '' && !INSTANT.test(value);
  }).map(([name, label]) => ({
    field: name,
    code: 'INVALID_DATE',
    message: `${label}时间“${shortened(formText(form, name))}”无法识别，请按北京时间填写，如 2027-01-31 17:00`,
  }));
}

const shortened = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function windowsOf(form: Form): SessionWindows {
  const instants = WINDOW_FIELDS.map(([name]) => [name, windowTimeAsMeant(formText(form, name))]);
  const windows = Object.fromEntries(instants) as Omit<SessionWindows, 'examDates'>;
  return { ...windows, examDates: examDaysAsMeant(formText(form, 'examDates')) };
}

/** The page's forms name their action; each becomes one catalog command. */
export function toCommand(form: Form): CatalogCommand {
  switch (form.action) {
    case 'windows': {
      const windows = windowsOf(form);
      const unreadable = unreadableTimes(form, windows as unknown as Record<string, string>);
      if (unreadable.length > 0) throw new ValidationError(unreadable);
      return { type: 'ChangeSessionWindows', windows };
    }
    case 'capacity':
      // Blank is no capacity (refused), not 0: an empty box must not close a site.
      return {
        type: 'ChangeSiteCapacity',
        siteCode: digitsOf(form, 'siteCode'),
        capacity: numberOrNaN(digitsOf(form, 'capacity')),
      };
    case 'close-site':
      return { type: 'CloseExamSite', siteCode: digitsOf(form, 'siteCode') };
    case 'reopen-site':
      return { type: 'ReopenExamSite', siteCode: digitsOf(form, 'siteCode') };
    case 'withdraw-category':
      return { type: 'WithdrawCategory', code: digitsOf(form, 'code') };
    case 'offer-category':
    case 'change-category':
      return {
        type: form.action === 'offer-category' ? 'OfferCategory' : 'ChangeCategory',
        category: {
          code: digitsOf(form, 'code'),
          name: formText(form, 'name'),
          level: formText(form, 'level') as CategoryLevel,
          requirements: {
            minimumEducation: formText(form, 'minimumEducation') as EducationLevel,
            trainingRequired: form.trainingRequired === 'on',
            certificatesRequired: form.certificatesRequired === 'on',
          },
        },
      };
    case 'open-area':
      return { type: 'OpenExamArea', code: digitsOf(form, 'newAreaCode'), name: formText(form, 'areaName') };
    case 'open-site': {
      const code = digitsOf(form, 'siteCode');
      return {
        type: 'OpenExamSite',
        site: {
          code,
          areaCode: code.slice(0, 2),
          city: formText(form, 'city'),
          name: formText(form, 'siteName'),
          address: formText(form, 'address'),
          capacity: numberOrNaN(digitsOf(form, 'siteCapacity')),
        },
      };
    }
    default:
      throw new ValidationError([{ field: 'action', code: 'UNKNOWN_ACTION', message: '未知的操作' }]);
  }
}
