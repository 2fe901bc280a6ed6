import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';

export const FORM_VIEW_KEY = 'yikao:form-view';

/**
 * On a page handler that receives a form: when the command is refused (a ValidationError from the
 * pipe, or any AppError with field errors), the exception filter renders this view again with
 * `errors`, `errorFor` and the typed `values` (passwords left out) instead of an error page.
 */
export const FormView = (view: string) => SetMetadata(FORM_VIEW_KEY, view);

/** Makes the handler's form view known before pipes run, so the filter can find it. */
@Injectable()
export class FormViewInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const view = this.reflector.get<string | undefined>(FORM_VIEW_KEY, context.getHandler());
    if (view && context.getType() === 'http') context.switchToHttp().getResponse<Response>().locals.formView = view;
    return next.handle();
  }
}

/** What a form page shows again after a refusal: the typed values, never secrets. */
export function redisplayableValues(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).filter(([key]) => !/password|captcha|^_csrf$/i.test(key)),
  );
}
