import type { Request } from './http-types';

/** Requests under /api get JSON errors; every other request is a page and gets a Chinese page. */
export function isApiRequest(req: Pick<Request, 'path'>): boolean {
  return req.path === '/api' || req.path.startsWith('/api/');
}

/** Paths that are neither pages nor API: no CSRF cookie is issued for them. */
export function isOperationalPath(path: string): boolean {
  return path.startsWith('/static/') || ['/health', '/ready', '/metrics', '/favicon.ico'].includes(path);
}

/** The path of a request target, without its query (what Express called `req.path`). */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
