import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isApiRequest, pathOf } from '../infrastructure/http/api-request';
import { ERROR_VIEW, errorPageLocals } from '../infrastructure/http/app-exception.filter';
import { CORRELATION_HEADER, correlationIdFor } from '../infrastructure/http/correlation-id';
import { toProblem } from '../infrastructure/http/problem';
import type { ViewRenderer } from './views';

/**
 * Requests Fastify refuses before routing (a malformed escape in the path, a path parameter over
 * the length limit) skip every hook: answered here with the same headers, correlation id and
 * Chinese page or JSON code as any other refusal, never echoing the URL.
 */
export function answerFrameworkErrors(securityHeaders: Record<string, string>, views: ViewRenderer) {
  return (error: FastifyError, req: FastifyRequest, reply: FastifyReply): void => {
    const problem = toProblem(error);
    const correlationId = correlationIdFor(req.headers[CORRELATION_HEADER.toLowerCase()]);
    reply.headers(securityHeaders).header(CORRELATION_HEADER, correlationId).header('Cache-Control', 'no-store');
    reply.code(problem.status);
    if (isApiRequest({ path: pathOf(req.url) })) {
      reply.send({ error: { code: problem.code, message: problem.message, fields: problem.fields } });
      return;
    }
    // No hook has run, so no locals: the page is drawn signed out, which is what the visitor sees anyway.
    const html = views.render(ERROR_VIEW, errorPageLocals(problem, correlationId));
    reply.type('text/html; charset=utf-8').send(html);
  };
}
