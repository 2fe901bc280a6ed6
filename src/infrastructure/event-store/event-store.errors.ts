import { ConflictError, UnavailableError } from '../../shared/errors';
import type { ExpectedRevision } from './event-store.port';

/**
 * An append met a stream at another revision than expected. Nothing was written. The message is
 * the one pages and the API show; where it happened is in `detail`, never shown (the exception
 * filter logs it when the error reaches it).
 */
export class WrongExpectedRevisionError extends ConflictError {
  readonly detail: string;

  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super('WRONG_EXPECTED_REVISION', '数据已被修改，请刷新后重试');
    this.detail = `Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`;
  }
}

export class EventStoreUnavailableError extends UnavailableError {
  constructor(cause: unknown) {
    super('EVENT_STORE_UNAVAILABLE', '服务暂时不可用，请稍后再试');
    this.cause = cause;
  }
}

/** A stored event cannot be read: unknown type or schema, or corrupt JSON. Never skipped silently. */
export class CorruptEventError extends Error {
  constructor(
    readonly stream: string,
    readonly position: bigint,
    reason: string,
  ) {
    super(`Cannot read event at position ${position} of stream ${stream}: ${reason}`);
    this.name = 'CorruptEventError';
  }
}
