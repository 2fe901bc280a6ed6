import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from './http-types';
import type { Logger } from 'pino';
import { isApiRequest } from './api-request';
import { WrongExpectedRevisionError } from '../event-store/event-store.errors';
import { causeOf, UnavailableError } from '../../shared/errors';
import { formPageOf, loginPathFor } from './next-path';
import type { RequestWithPrincipal } from './principal';
import { type Problem, toProblem } from './problem';

export const ERROR_VIEW = 'errors/error';

/**
 * The one place failures become responses. API: `{ error: { code, message, fields } }` with the
 * status of the AppError. Pages: a Chinese page, a sign-in redirect when the visitor is not signed in. Unexpected errors are logged with the correlation id.
 */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<RequestWithPrincipal>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(exception);
    if (problem.unexpected) {
      this.logger.error({ err: exception, correlationId: req.correlationId }, 'unexpected error');
    } else if (exception instanceof UnavailableError) {
      // The user reads 服务暂时不可用; the operator needs the cause (a full disk, a lost server).
      this.logger.warn(
        { code: problem.code, cause: causeOf(exception), correlationId: req.correlationId },
        'store unavailable',
      );
    } else if (exception instanceof WrongExpectedRevisionError) {
      // Shown as 数据已被修改; which stream and revisions is for the log only.
      this.logger.info({ conflict: exception.detail, correlationId: req.correlationId }, 'append conflict');
    }
    if (res.sent) return;
    if (problem.retryAfterSeconds !== undefined) res.header('Retry-After', String(problem.retryAfterSeconds));
    if (isApiRequest(req)) {
      res
        .status(problem.status)
        .send({ error: { code: problem.code, message: problem.message, fields: problem.fields } });
      return;
    }
    this.renderPage(req, res, problem);
  }

  private renderPage(req: RequestWithPrincipal, res: Response, problem: Problem): void {
    if (problem.status === 401) {
      const read = req.method === 'GET' || req.method === 'HEAD';
      // Only a session that was live and ended is a lapse: a visitor never signed in is just asked to.
      const reason = !req.sessionLapsed ? undefined : read ? 'lapsed' : 'form';
      // Fastify's host honours X-Forwarded-Host behind a trusted proxy, as the browser's Referer names it.
      const back = read ? req.originalUrl : formPageOf(req.headers.referer, req.host, req.path);
      res.redirect(loginPathFor(back, reason), 303);
      return;
    }
    if (res.locals.principal === undefined && req.principal) res.locals.principal = req.principal;
    this.render(res, problem.status, ERROR_VIEW, errorPageLocals(problem, req.correlationId));
  }

  private render(res: Response, status: number, view: string, locals: object): void {
    try {
      res.status(status).render(view, locals);
    } catch (err) {
      this.logger.error({ err, view }, 'error page failed to render');
      res.status(500).type('text/plain; charset=utf-8').send('系统繁忙，请稍后再试');
    }
  }
}

/** Title and guidance per kind of failure; the correlation id is shown where support needs it. */
export function errorPageLocals(problem: Problem, correlationId: string | undefined): Record<string, unknown> {
  const base = { status: problem.status, code: problem.code, fields: problem.fields };
  if (problem.code === 'CSRF_TOKEN_INVALID') {
    return { ...base, title: '页面已过期', message: problem.message, reload: true };
  }
  if (problem.status === 413) {
    // Refused by the body parser before any handler ran: nothing was saved, the typed text is lost.
    return {
      ...base,
      title: '提交的内容过大',
      message: '提交的内容超过了大小上限，未作任何处理。请返回上一页，将内容拆分后分批提交。',
    };
  }
  if (problem.status === 404 && problem.code === 'DOCUMENT_NOT_AVAILABLE') {
    // Why this candidate cannot print it now: not yet submitted, printing not open yet, ticket voided.
    return {
      ...base,
      title: '暂不能打印',
      message: problem.message,
      back: { href: '/enrollment', label: '返回考试报名' },
    };
  }
  if (problem.status === 404 && problem.code === 'SESSION_NOT_FOUND') {
    return {
      ...base,
      title: '考试不存在',
      message: '没有这项考试，请检查网址中的考试代码是否正确。',
      back: { href: '/exams', label: '查看考试安排' },
    };
  }
  if (problem.status === 404) {
    return { ...base, title: '页面不存在', message: '您访问的页面不存在，请检查网址是否正确。' };
  }
  if (problem.status === 403) {
    return { ...base, title: '无权访问', message: '您没有权限访问此页面。如需帮助，请联系技术支持。' };
  }
  if (problem.status >= 500) {
    // Only here is there something for support to look up: every page's locals hold the id.
    return { ...base, title: '系统繁忙', message: problem.message, reference: correlationId };
  }
  return { ...base, title: '无法完成操作', message: problem.message };
}
