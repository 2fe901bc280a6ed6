import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors';
import type { RequestWithPrincipal } from './principal';
import { PUBLIC_ROLE, ROLES_KEY, type RouteAccess } from './roles.decorator';

export class RouteAccessUndeclaredError extends ForbiddenError {
  constructor() {
    super('ROUTE_ACCESS_UNDECLARED', '无权访问此页面');
  }
}

/** Reads a route's declaration: the handler's own, else its controller's. */
export function declaredAccess(reflector: Reflector, context: ExecutionContext): RouteAccess[] | undefined {
  return reflector.getAllAndOverride<RouteAccess[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
}

/**
 * Global guard: every route says who may use it (`@Roles(...)` or `@Public()`). A route that
 * forgot is refused (deny by default) and logged as a programming error. Not signed in → 401
 * (pages: the filter redirects to /login); signed in with another role → 403.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly logger: Logger,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const access = declaredAccess(this.reflector, context);
    if (!access || access.length === 0) {
      this.logger.error(
        { controller: context.getClass().name, handler: context.getHandler().name },
        'route has no @Roles or @Public declaration: refused',
      );
      throw new RouteAccessUndeclaredError();
    }
    if (access.includes(PUBLIC_ROLE)) return true;
    const principal = context.switchToHttp().getRequest<RequestWithPrincipal>().principal;
    if (!principal) throw new UnauthorizedError();
    if (!access.includes(principal.role)) throw new ForbiddenError();
    return true;
  }
}
