import { randomUUID } from 'node:crypto';
import type { Request, Response } from './http-types';

export const CORRELATION_HEADER = 'X-Request-Id';

/** A caller's id is kept only if it is short and plain, so it cannot smuggle text into logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function correlationIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_ID.test(value) ? value : randomUUID();
}

/** Gives every request a correlation id: on the request, in the response header, in its log lines. */
export function assignCorrelationId(req: Request, res: Response): void {
  const correlationId = correlationIdFor(req.headers[CORRELATION_HEADER.toLowerCase()]);
  req.correlationId = correlationId;
  res.header(CORRELATION_HEADER, correlationId);
  res.locals.correlationId = correlationId;
}
