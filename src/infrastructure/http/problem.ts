import { HttpException } from '@nestjs/common';
import { AppError, type FieldError, ServerBusyError, TooManyRequestsError } from '../../shared/errors';

/** What the client learns about a failure: never a stack trace, never an internal message. */
export interface Problem {
  status: number;
  code: string;
  message: string;
  fields: FieldError[];
  retryAfterSeconds?: number;
  /** True when the failure is ours (a bug or an outage) and must be logged with its details. */
  unexpected: boolean;
}

const STATUS_PROBLEMS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确' },
  401: { code: 'UNAUTHENTICATED', message: '请先登录' },
  403: { code: 'FORBIDDEN', message: '无权执行此操作' },
  404: { code: 'NOT_FOUND', message: '页面不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持此操作' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' },
  414: { code: 'URI_TOO_LONG', message: '网址过长' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的提交格式' },
};
export const INTERNAL_PROBLEM = { code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试' };

function fromStatus(status: number): Problem {
  if (status >= 500) return { status, ...INTERNAL_PROBLEM, fields: [], unexpected: true };
  const known = STATUS_PROBLEMS[status] ?? { code: `HTTP_${status}`, message: '请求无法处理' };
  return { status, ...known, fields: [], unexpected: false };
}

/**
 * Client errors raised by Fastify and its plugins before a handler runs (body too large,
 * unsupported media type, a file over the upload cut-off: `FST_` codes; malformed JSON: a
 * SyntaxError) carry a 4xx `statusCode`. Any other error is ours, whatever fields it has.
 */
function exposedClientStatus(exception: unknown): number | undefined {
  if (!(exception instanceof Error)) return undefined;
  const { statusCode, code } = exception as Error & { statusCode?: unknown; code?: unknown };
  const fromFastify = (typeof code === 'string' && code.startsWith('FST_')) || exception instanceof SyntaxError;
  return fromFastify && typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
    ? statusCode
    : undefined;
}

export function toProblem(exception: unknown): Problem {
  if (exception instanceof AppError) {
    return {
      status: exception.httpStatus,
      code: exception.code,
      message: exception.message,
      fields: exception.fields,
      retryAfterSeconds:
        exception instanceof TooManyRequestsError || exception instanceof ServerBusyError
          ? exception.retryAfterSeconds
          : undefined,
      unexpected: false,
    };
  }
  if (exception instanceof HttpException) return fromStatus(exception.getStatus());
  const clientStatus = exposedClientStatus(exception);
  if (clientStatus !== undefined) return fromStatus(clientStatus);
  return { status: 500, ...INTERNAL_PROBLEM, fields: [], unexpected: true };
}
