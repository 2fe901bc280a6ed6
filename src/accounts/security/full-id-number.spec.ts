import { fullIdNumberBehind } from './full-id-number';

describe('the full ID number behind an enrollment’s masked copy', () => {
  it('is the account’s number when the copy masks it', () => {
    expect(fullIdNumberBehind('110105********002X', '11010519491231002X')).toBe('11010519491231002X');
    expect(fullIdNumberBehind('E1**4578', 'E1234578')).toBe('E1234578');
  });
  it('is none when the copy masks another number: the copy is shown as it stands', () => {
    expect(fullIdNumberBehind('1101**********1234', '11010519491231002X')).toBeUndefined();
    expect(fullIdNumberBehind('110105********002X', '11010519491231003X')).toBeUndefined();
  });
  it('is none without a copy or without the account’s number', () => {
    expect(fullIdNumberBehind(undefined, '11010519491231002X')).toBeUndefined();
    expect(fullIdNumberBehind('110105********002X', null)).toBeUndefined();
  });
});
