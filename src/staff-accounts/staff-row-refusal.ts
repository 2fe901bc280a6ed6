import type { AppError, FieldError } from '../shared/errors';

/** The id of an account's reason box on the 工作人员账户 page: one 停用/恢复 form per row. */
export const reasonFieldOf = (staffId: string): string => `reason-${staffId}`;

/**
 * A refused 停用 or 恢复, placed on the row it is about: the decider names its field `reason`, the
 * page has one such box per account. A refusal without a field (停用自己, the last admin) is placed
 * there too, so the summary's link leads to the row; an account that does not exist has no row.
 */
export function onStaffRow(error: AppError, staffId: string): FieldError[] {
  if (error.httpStatus === 404) return [];
  const field = reasonFieldOf(staffId);
  if (error.fields.length === 0) return [{ field, code: error.code, message: error.message }];
  return error.fields.map((fieldError) => (fieldError.field === 'reason' ? { ...fieldError, field } : fieldError));
}
