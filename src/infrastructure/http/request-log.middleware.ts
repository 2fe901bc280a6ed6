import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { httpRequestDuration } from './http-metrics';
import type { RequestWithPrincipal } from './principal';

/**
 * The route pattern that handled a request (`/api/enrollments/:id`), or a fixed label:
 * URLs may carry personal data in their path or query, so they are never logged or used as labels.
 */
export function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  if (req.path.startsWith('/static/')) return '/static/*';
  return '(unmatched)';
}

/** One JSON line and one histogram observation per request, written when the response is done. */
export function requestLogMiddleware(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeLabel(req);
      const principal = (req as RequestWithPrincipal).principal;
      httpRequestDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      logger.info(
        {
          method: req.method,
          route,
          status: res.statusCode,
          ms: Math.round(seconds * 10000) / 10,
          correlationId: (req as RequestWithPrincipal).correlationId,
          principal: principal ? { role: principal.role, id: principal.id } : { role: 'anonymous' },
        },
        'request',
      );
    });
    next();
  };
}
