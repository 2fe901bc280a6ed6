import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { RequestWithPrincipal } from './principal';

export const CORRELATION_HEADER = 'X-Request-Id';

/** A caller's id is kept only if it is short and plain, so it cannot smuggle text into logs. */
const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function correlationIdFor(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && SANE_ID.test(value) ? value : randomUUID();
}

/** Gives every request a correlation id: on the request, in the response header, in its log lines. */
export function correlationIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const request = req as RequestWithPrincipal;
  const correlationId = correlationIdFor(req.headers[CORRELATION_HEADER.toLowerCase()]);
  request.correlationId = correlationId;
  res.setHeader(CORRELATION_HEADER, correlationId);
  res.locals.correlationId = correlationId;
  next();
}
