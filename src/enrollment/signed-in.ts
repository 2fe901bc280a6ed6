import type { Request } from '../infrastructure/http/http-types';
import type { Principal, RequestWithPrincipal } from '../infrastructure/http/principal';
import { UnauthorizedError } from '../shared/errors';

/** The principal the RolesGuard let through (routes here are never public). */
export function signedIn(req: Request): Principal {
  const principal = (req as RequestWithPrincipal).principal;
  if (!principal) throw new UnauthorizedError();
  return principal;
}
