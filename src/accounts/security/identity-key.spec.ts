import { identityStreamFor } from './identity-key';

const KEY = 'identity key of the test';

describe('identity key', () => {
  it('is the same for a number typed in full-width characters, so a duplicate is still one', () => {
    const ascii = identityStreamFor(KEY, 'resident', '11010519491231002X');
    expect(identityStreamFor(KEY, 'resident', '１１０１０５１９４９１２３１００２ｘ')).toBe(ascii);
    expect(identityStreamFor(KEY, 'resident', '110105 19491231 002x')).toBe(ascii);
    expect(identityStreamFor(KEY, 'passport', '11010519491231002X')).not.toBe(ascii);
  });
});
