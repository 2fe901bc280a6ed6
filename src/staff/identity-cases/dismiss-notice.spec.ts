import { dismissNotice } from './identity-case.service';

describe('the notice a dismissed case leaves the holder', () => {
  it('names the day of the decision in Beijing, not the UTC day', () => {
    expect(dismissNotice(2, '2026-11-27T18:39:18.587Z')).toBe(
      '有人曾使用您的证件号码尝试注册（共 2 次）。工作人员已于 2026-11-28 核实处理，您的账户不受影响。',
    );
  });
});
