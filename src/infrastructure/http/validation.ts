import { type ArgumentMetadata, ValidationPipe, type ValidationError as ClassValidatorError } from '@nestjs/common';
import { AppError, type FieldError, ValidationError } from '../../shared/errors';
import { isUnreadStream } from './unread-stream';

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
  arrayMaxSize: 'TOO_MANY',
  arrayMinSize: 'TOO_FEW',
  max: 'TOO_LARGE',
  min: 'TOO_SMALL',
};

/** A value of the wrong JSON type: said as such, not as the rule that happened to run first. */
const TYPE_CODES: Record<string, string> = {
  isString: 'NOT_TEXT',
  isArray: 'NOT_LIST',
  isInt: 'NOT_INTEGER',
  isNumber: 'NOT_NUMBER',
  isBoolean: 'NOT_BOOLEAN',
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
  TOO_MANY: '超过允许的数量',
  TOO_FEW: '数量不足',
  TOO_LARGE: '数值过大',
  TOO_SMALL: '数值过小',
  NOT_TEXT: '须为文本',
  NOT_LIST: '须为列表',
  NOT_INTEGER: '须为整数',
  NOT_NUMBER: '须为数字',
  NOT_BOOLEAN: '须为 true 或 false',
};

const toSnake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
const isEnglishDefault = (message: string): boolean => /^[\x20-\x7e]*$/.test(message);

/**
 * The one error a field reports: a value sent with the wrong JSON type says so (a number where
 * text belongs is NOT_TEXT, not the SITE_REQUIRED or NOTE_REQUIRED a rule named for a missing one);
 * else a code the DTO named for its rule (`context: { code }`); else REQUIRED when nothing was
 * sent, the wrong type, or the rule nearest the property. The message is the DTO's own when it gave
 * one in Chinese.
 */
function fieldError(error: ClassValidatorError, field: string): FieldError | null {
  const failed = Object.entries(error.constraints ?? {});
  if (failed.length === 0) return null;
  const contextCode = (constraint: string) => {
    const code = (error.contexts?.[constraint] as { code?: unknown } | undefined)?.code;
    return typeof code === 'string' ? code : undefined;
  };
  const wrongType = failed.find(([constraint]) => TYPE_CODES[constraint]);
  if (wrongType && error.value !== undefined && error.value !== null) {
    const [constraint, message] = wrongType;
    const code = TYPE_CODES[constraint];
    // A message written for the rule's own code (请填写变更原因) would not say what is wrong.
    const own = !contextCode(constraint) && !isEnglishDefault(message);
    return { field, code, message: own ? message : DEFAULT_MESSAGES[code] };
  }
  const named = failed.find(([constraint]) => contextCode(constraint));
  const [constraint, rawMessage] = named ?? wrongType ?? failed[0];
  const missing = !named && (error.value === undefined || error.value === null);
  const code = missing
    ? 'REQUIRED'
    : (contextCode(constraint) ?? TYPE_CODES[constraint] ?? CONSTRAINT_CODES[constraint] ?? toSnake(constraint));
  const own = missing ? failed[0][1] : rawMessage;
  return { field, code, message: isEnglishDefault(own) ? (DEFAULT_MESSAGES[code] ?? '填写的内容不正确') : own };
}

/**
 * Flattens class-validator's tree into one FieldError per field, with dotted paths for nested
 * objects and arrays (`education.0.school`). A rule may name its own code through
 * `context: { code: 'ID_NUMBER_CHECKSUM' }`; its `message` should be Chinese.
 */
export function toFieldErrors(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = fieldError(error, field);
    return [...(own ? [own] : []), ...toFieldErrors(error.children ?? [], field)];
  });
}

/** A text body its content-type parser left unread (CSV imports read it themselves): not a DTO. */
export class UnsupportedMediaTypeError extends AppError {
  readonly httpStatus = 415;
  constructor() {
    super('UNSUPPORTED_MEDIA_TYPE', '不支持的提交格式，请以 application/json 提交');
  }
}

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
