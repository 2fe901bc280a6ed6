import { DomainError, ValidationError } from '../shared/errors';
import { CannotDisableSelfError, StaffAccountMissingError, StaffReasonError } from './staff-account.decider';
import { onStaffRow } from './staff-row-refusal';

describe('a refused 停用 or 恢复 on its account’s row', () => {
  it('puts a reason error beside that row’s reason box', () => {
    expect(onStaffRow(new StaffReasonError('REASON_REQUIRED', '请填写原因（至少 4 个字）'), 'kaowu_sh')).toEqual([
      { field: 'reason-kaowu_sh', code: 'REASON_REQUIRED', message: '请填写原因（至少 4 个字）' },
    ]);
  });

  it('places a refusal without a field on the row, so the summary link leads there', () => {
    expect(onStaffRow(new CannotDisableSelfError(), 'root')).toEqual([
      { field: 'reason-root', code: 'CANNOT_DISABLE_SELF', message: '不能停用自己的账户' },
    ]);
    expect(onStaffRow(new DomainError('LAST_ACTIVE_ADMIN', '不能停用最后一个在用的管理员账户'), 'a2')[0].field).toBe(
      'reason-a2',
    );
  });

  it('keeps other fields as they are, and gives an unknown account no row', () => {
    const other = { field: 'action', code: 'X', message: 'x' };
    expect(onStaffRow(new ValidationError([other]), 'kaowu_sh')).toEqual([other]);
    expect(onStaffRow(new StaffAccountMissingError(), 'nobody')).toEqual([]);
  });
});
