/**
 * Errors with a stable code (for the API) and a Chinese message (for pages).
 * Business rule refusals are DomainErrors; infrastructure maps its failures to the others.
 */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export abstract class AppError extends Error {
  abstract readonly httpStatus: number;
  constructor(
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A business rule refused the command (HTTP 422 unless a subclass says otherwise). */
export class DomainError extends AppError {
  readonly httpStatus: number = 422;
}

/** Input that is missing or malformed (HTTP 400). */
export class ValidationError extends AppError {
  readonly httpStatus = 400;
  constructor(fields: FieldError[], message = '提交的信息有误，请按提示修改') {
    super('VALIDATION_FAILED', message, fields);
  }
}

export class NotFoundError extends AppError {
  readonly httpStatus = 404;
  constructor(code = 'NOT_FOUND', message = '未找到') {
    super(code, message);
  }
}

/** The state changed since the caller read it (HTTP 409). */
export class ConflictError extends AppError {
  readonly httpStatus = 409;
  constructor(code = 'CONFLICT', message = '数据已被修改，请刷新后重试') {
    super(code, message);
  }
}

export class ForbiddenError extends AppError {
  readonly httpStatus = 403;
  constructor(code = 'FORBIDDEN', message = '无权执行此操作') {
    super(code, message);
  }
}

export class UnauthorizedError extends AppError {
  readonly httpStatus = 401;
  constructor(code = 'UNAUTHENTICATED', message = '请先登录') {
    super(code, message);
  }
}

export class TooManyRequestsError extends AppError {
  readonly httpStatus = 429;
  constructor(
    code = 'RATE_LIMITED',
    message = '操作过于频繁，请稍后再试',
    readonly retryAfterSeconds?: number,
  ) {
    super(code, message);
  }
}

/** A backing service (event store, read store, browser) cannot be reached (HTTP 503). */
export class UnavailableError extends AppError {
  readonly httpStatus = 503;
  constructor(code = 'UNAVAILABLE', message = '服务暂时不可用，请稍后再试') {
    super(code, message);
  }
}

/** Too many requests of one costly kind at once, e.g. logins at a registration opening (HTTP 503, Retry-After). */
export class ServerBusyError extends UnavailableError {
  constructor(readonly retryAfterSeconds: number) {
    super('SERVER_BUSY', `当前登录、注册的人数较多，请 ${retryAfterSeconds} 秒后再试`);
  }
}

/** A driver failure wrapped in one of ours, in one line: `CODE: message` (SQLITE_FULL: database or disk is full). */
export function causeOf(error: Error): string | undefined {
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (!cause || typeof cause !== 'object') return undefined;
  const message = typeof cause.message === 'string' ? cause.message : String(cause);
  return typeof cause.code === 'string' ? `${cause.code}: ${message}` : message;
}
