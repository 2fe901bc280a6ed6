import { digitsAsMeant } from './digits-as-meant';

describe('a month, a date, a code or a number as it was meant', () => {
  it('folds what a Chinese IME types, drops spaces and reads any dash as the hyphen', () => {
    expect(digitsAsMeant('２０１３－０９')).toBe('2013-09');
    expect(digitsAsMeant('2013—09')).toBe('2013-09');
    expect(digitsAsMeant('ＡＢ １２３４５６')).toBe('AB123456');
    expect(digitsAsMeant('2013-09')).toBe('2013-09');
    expect(digitsAsMeant('１２０')).toBe('120');
  });
});
