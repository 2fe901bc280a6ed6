import { ValidationError } from '../../shared/errors';
import { MAX_STAFF_NOTE_LENGTH } from '../../shared/staff-note';
import { MIN_REASON_LENGTH } from './identity-case.decider';

/**
 * The reason staff give for issuing a one-time code (a case's code issued again, a forgotten
 * password's code): 4–500 characters, returned trimmed. `field` names where the form or body holds
 * it, so the case page shows a refusal beside its own box (`reissueReason`) and the API on `reason`.
 */
export function issueReason(text: string, field: string): string {
  const reason = text.trim();
  const refuse = (code: string, message: string) => new ValidationError([{ field, code, message }]);
  if (reason.length < MIN_REASON_LENGTH)
    throw refuse('REASON_REQUIRED', `请填写发放理由（至少 ${MIN_REASON_LENGTH} 个字）`);
  if (text.length > MAX_STAFF_NOTE_LENGTH) throw refuse('TOO_LONG', `发放理由不超过${MAX_STAFF_NOTE_LENGTH}字`);
  return reason;
}
