import { ValidationError } from '../../shared/errors';
import { MAX_STAFF_NOTE_LENGTH } from '../../shared/staff-note';
import type { CaseAction } from '../identity-cases/identity-case.service';
import { REASON_TOO_LONG_MESSAGE } from './case-decision.dto';

/** The decision form/API body → an action; the expected revision comes from the page (or If-Match). */
export function parseCaseDecision(
  body: Record<string, unknown>,
  ifMatch?: string,
): { action: CaseAction; expectedRevision: bigint } {
  const reason = typeof body.reason === 'string' ? body.reason : '';
  // The page's form reaches here without the API's DTO: the same limit, the same code.
  if (reason.length > MAX_STAFF_NOTE_LENGTH)
    throw new ValidationError([{ field: 'reason', code: 'TOO_LONG', message: REASON_TOO_LONG_MESSAGE }]);
  const revisionText = String(body.expectedRevision ?? ifMatch ?? '').replace(/"/g, '');
  if (!/^(-1|\d+)$/.test(revisionText))
    throw new ValidationError([
      { field: 'expectedRevision', code: 'REVISION_REQUIRED', message: '缺少案件版本，请刷新页面后重试' },
    ]);
  const expectedRevision = BigInt(revisionText);
  switch (body.action) {
    case 'reassign': {
      const mode = body.mode === 'handOver' ? 'handOver' : body.mode === 'registerAnew' ? 'registerAnew' : null;
      if (!mode)
        throw new ValidationError([
          { field: 'mode', code: 'MODE_REQUIRED', message: '请选择改派方式：重新注册或移交账户' },
        ]);
      return { action: { type: 'ReassignIdentity', mode, reason }, expectedRevision };
    }
    case 'suspend':
      return { action: { type: 'SuspendHolder', reason }, expectedRevision };
    case 'dismiss':
      return { action: { type: 'DismissCase', reason }, expectedRevision };
    default:
      throw new ValidationError([
        { field: 'action', code: 'ACTION_REQUIRED', message: '请选择处理方式：改派、暂停账户或驳回' },
      ]);
  }
}
