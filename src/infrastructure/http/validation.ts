import { type ArgumentMetadata, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { AppError, type FieldError, ValidationError } from '../../shared/errors';

/** Stable codes for class-validator's constraint names; others become UPPER_SNAKE of the name. */
const CONSTRAINT_CODES: Record<string, string> = {
  isNotEmpty: 'REQUIRED',
  isDefined: 'REQUIRED',
  whitelistValidation: 'UNKNOWN_FIELD',
  matches: 'INVALID_FORMAT',
  minLength: 'TOO_SHORT',
  maxLength: 'TOO_LONG',
  isLength: 'INVALID_LENGTH',
  isIn: 'NOT_ALLOWED',
  isEnum: 'NOT_ALLOWED',
};

/** Chinese fallbacks for class-validator's English default messages. */
const DEFAULT_MESSAGES: Record<string, string> = {
  REQUIRED: '此项为必填项',
  UNKNOWN_FIELD: '不允许提交此项',
  INVALID_FORMAT: '格式不正确',
  TOO_SHORT: '内容过短',
  TOO_LONG: '内容过长',
  INVALID_LENGTH: '长度不符合要求',
  NOT_ALLOWED: '不是允许的选项',
};

const toSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const isEnglishDefault = (message: string): boolean => /^[\x20-\x7e]*$/.test(message);

/**
 * Flattens class-validator's tree into one FieldError per field (the first failed rule), with
 * dotted paths for nested objects and arrays (`education.0.school`). A rule may name its own code
 * through `context: { code: 'ID_NUMBER_CHECKSUM' }`; its `message` should be Chinese.
 */
export function toFieldErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = [];
    const [constraint, rawMessage] = Object.entries(error.constraints ?? {})[0] ?? [];
    if (constraint !== undefined && rawMessage !== undefined) {
      const contextCode = (error.contexts?.[constraint] as { code?: unknown } | undefined)?.code;
      const code =
        typeof contextCode === 'string' ? contextCode : (CONSTRAINT_CODES[constraint] ?? toSnake(constraint));
      const message = isEnglishDefault(rawMessage) ? (DEFAULT_MESSAGES[code] ?? '填写的内容不正确') : rawMessage;
      own.push({ field, code, message });
    }
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** A text body its content-type parser left unread (CSV imports read it themselves): not a DTO. */
export class UnsupportedMediaTypeError extends AppError {
  readonly httpStatus = 415;
  constructor() {
    super('UNSUPPORTED_MEDIA_TYPE', '不支持的提交格式，请以 application/json 提交');
  }
}

const isUnreadStream = (value: unknown): boolean =>
  typeof (value as AsyncIterable<unknown> | null | undefined)?.[Symbol.asyncIterator] === 'function';

/**
 * The global pipe: unknown fields are refused, payloads become DTO instances, errors are ours. A
 * body sent as text/plain or text/csv reaches a DTO as a stream, which class-transformer would walk
 * until the stack overflows: it is refused as the media type it is.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && isUnreadStream(value)) throw new UnsupportedMediaTypeError();
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new AppValidationPipe({
    whitelist: true,
    transform: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new ValidationError(toFieldErrors(errors)),
  });
}
