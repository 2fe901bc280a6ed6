import { dateAsMeant, digitsAsMeant, monthAsMeant } from './digits-as-meant';

describe('a month, a date, a code or a number as it was meant', () => {
  it('folds what a Chinese IME types, drops spaces and reads any dash as the hyphen', () => {
    expect(digitsAsMeant('２０１３－０９')).toBe('2013-09');
    expect(digitsAsMeant('2013—09')).toBe('2013-09');
    expect(digitsAsMeant('ＡＢ １２３４５６')).toBe('AB123456');
    expect(digitsAsMeant('2013-09')).toBe('2013-09');
    expect(digitsAsMeant('１２０')).toBe('120');
  });
});

describe('a month or a date typed on a phone’s digit keypad, or the Chinese way', () => {
  it('reads a month without its dash, with a slash or a dot, or with 年月', () => {
    for (const typed of ['202009', '2020-09', '2020/9', '2020.9', '2020年9月', '２０２００９'])
      expect(monthAsMeant(typed)).toBe('2020-09');
    // Not a month: left as folded, for the rules to name.
    for (const typed of ['20209', '2020-9-1', '九月']) expect(monthAsMeant(typed)).toBe(digitsAsMeant(typed));
  });

  it('reads a date without its dashes, with slashes or dots, or with 年月日', () => {
    for (const typed of ['19920415', '1992-04-15', '1992/4/15', '1992.4.15', '1992年4月15日'])
      expect(dateAsMeant(typed)).toBe('1992-04-15');
    for (const typed of ['1992-4/15', '199204', '四月']) expect(dateAsMeant(typed)).toBe(digitsAsMeant(typed));
  });
});
