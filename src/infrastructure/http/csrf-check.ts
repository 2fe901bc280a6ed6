import { ForbiddenError } from '../../shared/errors';
import { isApiRequest, isOperationalPath } from './api-request';
import { CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './csrf-token';
import type { Request, Response } from './http-types';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Scripts and API clients fetch a token (and the cookie behind it) here. */
export const CSRF_TOKEN_PATH = '/api/csrf';

export class CsrfTokenInvalidError extends ForbiddenError {
  constructor() {
    super('CSRF_TOKEN_INVALID', '页面已过期或来源不明，请刷新页面后重新提交');
  }
}

function submittedToken(req: Request): string | undefined {
  const header = req.headers[CSRF_HEADER.toLowerCase()];
  if (typeof header === 'string' && header) return header;
  const body: unknown = req.body;
  if (body && typeof body === 'object' && typeof (body as Record<string, unknown>)[CSRF_FIELD] === 'string') {
    return (body as Record<string, string>)[CSRF_FIELD];
  }
  // Multipart forms are read by their handler, after this hook: they put the token in the action's query.
  const query = (req.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  return typeof query === 'string' ? query : undefined;
}

/** `res.locals.csrfToken`, computed (an HMAC) only if a page or the token route reads it: most API calls do not. */
function exposeToken(res: Response, tokens: CsrfTokens, browserValue: string): void {
  let token: string | undefined;
  Object.defineProperty(res.locals, 'csrfToken', {
    get: () => (token ??= tokens.tokenFor(browserValue)),
    enumerable: true,
    configurable: true,
  });
}

/**
 * Issues the per-browser cookie on page views, exposes `csrfToken` to templates, and refuses
 * unsafe requests without a valid token (a preHandler hook: the body is parsed by then). An API
 * call carrying no cookie at all cannot be a forged browser request, so it needs no token; a page
 * post always does.
 */
export function csrfCheck(tokens: CsrfTokens, secureCookie: boolean) {
  return (req: Request, res: Response): void => {
    const cookies = (req.cookies ?? {}) as Record<string, string | undefined>;
    let browserValue = cookies[CSRF_COOKIE];

    if (!SAFE_METHODS.has(req.method)) {
      const cookieAuthenticated = Boolean(req.headers.cookie);
      const needsToken = !isApiRequest(req) || cookieAuthenticated;
      if (needsToken && !tokens.isValid(browserValue, submittedToken(req))) throw new CsrfTokenInvalidError();
      // The token is not part of any command: DTOs (forbidNonWhitelisted) never see it.
      if (req.body && typeof req.body === 'object') delete (req.body as Record<string, unknown>)[CSRF_FIELD];
    }
    const wantsToken = req.path === CSRF_TOKEN_PATH || (!isApiRequest(req) && !isOperationalPath(req.path));
    if (!browserValue && req.method === 'GET' && wantsToken) {
      browserValue = tokens.newBrowserValue();
      res.setCookie(CSRF_COOKIE, browserValue, { httpOnly: true, sameSite: 'lax', secure: secureCookie, path: '/' });
    }
    if (browserValue) exposeToken(res, tokens, browserValue);
  };
}
