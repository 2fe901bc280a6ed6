import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { RequestWithPrincipal } from '../infrastructure/http/principal';

/**
 * The layout reads `principal` from res.locals (header: user name, 退出). The session middleware
 * sets req.principal; this copies it for templates when the middleware did not.
 */
@Injectable()
export class LayoutLocalsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<RequestWithPrincipal>();
      const res = context.switchToHttp().getResponse<Response>();
      if (res.locals.principal === undefined && req.principal) res.locals.principal = req.principal;
    }
    return next.handle();
  }
}
