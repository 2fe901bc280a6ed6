import { ValidationError } from '../../shared/errors';
import { parseCaseDecision } from './case-decision.input';

const fieldsOf = (body: Record<string, unknown>) => {
  try {
    parseCaseDecision(body);
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  return [];
};

describe('a case decision as the page and the API send it', () => {
  it('takes a reason of up to 500 characters', () => {
    const { action } = parseCaseDecision({ action: 'dismiss', reason: '核'.repeat(500), expectedRevision: '3' });
    expect(action).toEqual({ type: 'DismissCase', reason: '核'.repeat(500) });
  });

  it('refuses a longer reason as TOO_LONG on the reason field, whatever the action', () => {
    for (const decision of [{ action: 'dismiss' }, { action: 'reassign', mode: 'handOver' }, { action: 'suspend' }])
      expect(fieldsOf({ ...decision, reason: '核'.repeat(501), expectedRevision: '3' })).toEqual([
        { field: 'reason', code: 'TOO_LONG', message: '处理理由不超过500字' },
      ]);
  });
});
