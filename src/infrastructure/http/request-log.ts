import type { Logger } from 'pino';
import { httpRequestDuration } from './http-metrics';
import type { Request, Response } from './http-types';

/**
 * The route pattern that handled a request (`/api/enrollments/:id`), or a fixed label:
 * URLs may carry personal data in their path or query, so they are never logged or used as labels.
 */
export function routeLabel(req: Request): string {
  const pattern = req.routeOptions.url;
  return !req.is404 && typeof pattern === 'string' ? pattern : '(unmatched)';
}

/** One JSON line and one histogram observation per request, written when the response is done. */
export function logRequest(logger: Logger, req: Request, res: Response): void {
  const seconds = res.elapsedTime / 1000;
  const route = routeLabel(req);
  const principal = req.principal;
  httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      method: req.method,
      route,
      status: res.statusCode,
      ms: Math.round(seconds * 10000) / 10,
      correlationId: req.correlationId,
      principal: principal ? { role: principal.role, id: principal.id } : { role: 'anonymous' },
    },
    'request',
  );
}
