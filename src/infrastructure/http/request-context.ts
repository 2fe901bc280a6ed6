import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { Principal } from './principal';

/** What every log line of a request needs to know, without passing the request around. */
export interface RequestContext {
  correlationId: string;
  request: Request & { principal?: Principal };
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Correlation id of the request being handled, if any (for logs written deep in services). */
export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}
