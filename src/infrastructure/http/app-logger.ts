import type { LoggerService } from '@nestjs/common';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Keys that may hold personal data or secrets. They are censored wherever they appear in a log
 * object (top level and two levels deep), so a careless `logger.info({ command })` leaks nothing.
 */
const SENSITIVE_KEYS = [
  'idNumber',
  'idNo',
  'phone',
  'mobile',
  'telephone',
  'email',
  'address',
  'postcode',
  'name',
  'fullName',
  'realName',
  'birthDate',
  'password',
  'newPassword',
  'currentPassword',
  'oldPassword',
  'securityAnswer',
  'answer',
  'captcha',
  'cookie',
  'cookies',
  'authorization',
  'headers',
  'body',
  'token',
  'csrfToken',
  '_csrf',
  'secret',
  'sessionId',
];
const SENSITIVE = new Set(SENSITIVE_KEYS);
export const CENSORED = '[redacted]';
const CENSOR_DEPTH = 3;

/**
 * A copy of a log object with the sensitive keys censored at the top level and two levels below,
 * in objects and arrays. Errors are serialized first (pino's own err serializer: type, message,
 * stack and their own fields, such as a driver's `keyValue`), so their fields are censored too.
 * Objects with nothing to censor are returned as they are, so the common line costs a few key
 * lookups (pino's `redact` with these keys as wildcard paths cost ~130 µs a line, most of a
 * request's time on /health).
 */
export function censorSensitive<T>(value: T, depth = CENSOR_DEPTH): T {
  if (depth === 0 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return censorSensitive(pino.stdSerializers.err(value), depth) as T;
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const censored = censorSensitive(item, depth - 1);
      if (censored !== item) (copy ??= [...value])[i] = censored;
    });
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const censored = SENSITIVE.has(key) ? CENSORED : censorSensitive(item, depth - 1);
    if (censored !== item) (copy ??= { ...record })[key] = censored;
  }
  return (copy ?? value) as T;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * One JSON line per event. Lines about a request carry its `correlationId`, passed explicitly:
 * an AsyncLocalStorage would do it implicitly but costs every request ~20% of its throughput
 * on Node 20 (promise hooks; measured with autocannon on /health).
 */
export function createAppLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'yikao' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => censorSensitive(object) },
      // Errors are serialized (and censored) by the formatter above; what reaches here is done.
      serializers: { err: (err: unknown) => (err instanceof Error ? pino.stdSerializers.err(err) : err) },
    },
    destination,
  );
}

/**
 * Nest's start-up chatter: one line per module and per route (about 160 a start, again for every
 * cluster worker started or replaced), which buried the lines an operator reads. Logged at debug.
 */
const FRAMEWORK_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/** Routes Nest's own messages (startup, route mapping, errors) through pino. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    if (context !== undefined && FRAMEWORK_CHATTER.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string): void {
    this.logger.fatal({ context }, String(message));
  }
}

/** DI token for the process's pino logger, so slices log the same way. */
export const APP_LOGGER = Symbol('AppLogger');
