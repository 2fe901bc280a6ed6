import { UnavailableError } from '../../shared/errors';

/** The read store cannot serve now (its server unreachable, its disk full): HTTP 503, never the caller's fault. */
export class ReadStoreUnavailableError extends UnavailableError {
  constructor(cause: unknown) {
    super('READ_STORE_UNAVAILABLE', '服务暂时不可用，请稍后再试');
    this.cause = cause;
  }
}
