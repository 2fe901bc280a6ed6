import type { Response } from '../../infrastructure/http/http-types';
import { AppError } from '../../shared/errors';
import { ID_TYPES } from '../validation/id-number.rules';
import { GENDERS } from '../validation/registration.rules';
import { beijingWallClock } from '../../shared/typed-instant';

export type FormBody = Record<string, string | undefined>;

/** Only string fields of a urlencoded form (nested or repeated fields are dropped). */
export function formBody(body: unknown): FormBody {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([, v]) => typeof v === 'string'),
  ) as FormBody;
}

/** Typed values shown again after a refusal; secrets never. */
export function safeValues(body: FormBody): FormBody {
  return Object.fromEntries(Object.entries(body).filter(([key]) => !/password|captcha|answer|^_csrf$/i.test(key)));
}

/**
 * Renders a form page again after a refused command: the field errors (red, reason beside and in
 * the title / aria-describedby) and the message; anything but an AppError is rethrown.
 */
export function renderRefusal(res: Response, view: string, error: unknown, locals: Record<string, unknown>): void {
  if (!(error instanceof AppError)) throw error;
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (retryAfter !== undefined) res.header('Retry-After', String(retryAfter));
  res.status(error.httpStatus === 401 ? 422 : error.httpStatus).render(view, {
    ...locals,
    errors: error.fields,
    errorMessage: error.message,
    errorCode: error.code,
  });
}

export const ID_TYPE_OPTIONS = Object.entries(ID_TYPES).map(([value, label]) => ({ value, label }));
export const GENDER_OPTIONS = Object.entries(GENDERS).map(([value, label]) => ({ value, label }));

/** 2026-11-26 11:20 in Beijing time, for lists whose heading says so; what is no instant is shown as it is. */
export function beijingMinute(iso: string): string {
  return beijingWallClock(iso, 'minute');
}

/** 2026-11-26 11:20（北京时间）, for notices. */
export function chinaTime(iso: string): string {
  return `${beijingMinute(iso)}（北京时间）`;
}
