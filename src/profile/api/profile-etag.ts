import { AppError, ValidationError } from '../../shared/errors';

/** PUT without If-Match would silently overwrite another tab's changes (HTTP 428). */
export class PreconditionRequiredError extends AppError {
  readonly httpStatus = 428;
  constructor() {
    super('IF_MATCH_REQUIRED', '请先获取个人信息（ETag），再以 If-Match 提交修改');
  }
}

export const etagOf = (revision: bigint | string): string => `"${revision.toString()}"`;

/** The revision in an If-Match header (`"7"` or `W/"7"`). */
export function revisionFromIfMatch(header: string | undefined): bigint {
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  const match = /^(?:W\/)?"(-?\d{1,19})"$/.exec(header.trim());
  if (!match)
    throw new ValidationError([
      { field: 'If-Match', code: 'IF_MATCH_INVALID', message: 'If-Match 须为 GET 返回的 ETag' },
    ]);
  return BigInt(match[1]);
}
