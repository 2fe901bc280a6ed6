import { phoneAsMeant } from './profile-commands.service';

describe('a phone number as it was meant', () => {
  it('folds full-width digits and joins a mobile typed in groups', () => {
    expect(phoneAsMeant('１３８００１３８０００')).toBe('13800138000');
    expect(phoneAsMeant('138 0013 8000')).toBe('13800138000');
    expect(phoneAsMeant('138－0013－8000')).toBe('13800138000');
  });

  it('keeps a landline’s area-code hyphen, and what is no phone as typed for the rules to refuse', () => {
    expect(phoneAsMeant('010－6275 1234')).toBe('010-62751234');
    expect(phoneAsMeant('0755-12345678')).toBe('0755-12345678');
    expect(phoneAsMeant('abc')).toBe('abc');
  });
});
