import { readBeijingInstant } from './beijing-instant';

const NOW = new Date('2026-12-01T00:00:00Z');
const read = (typed: string) => readBeijingInstant(typed, NOW);
const instantOf = (typed: string) => {
  const result = read(typed);
  return result.ok ? result.instant.toISOString() : result.code;
};

describe('readBeijingInstant: what an auditor typed, as the instant meant', () => {
  it.each([
    ['2026-11-28 07:54', '2026-11-27T23:54:00.000Z'],
    ['2026-11-28T07:54', '2026-11-27T23:54:00.000Z'],
    ['2026-11-28 07:54:30', '2026-11-27T23:54:30.000Z'],
    ['2026/11/28 07:54', '2026-11-27T23:54:00.000Z'],
    ['2026/1/5 9:05', '2026-01-05T01:05:00.000Z'],
    ['  2026-11-28   07:54  ', '2026-11-27T23:54:00.000Z'],
    ['2026-11-28', '2026-11-27T16:00:00.000Z'],
    ['２０２６－１１－２８　０７：５４', '2026-11-27T23:54:00.000Z'],
    ['２０２６／１１／２８', '2026-11-27T16:00:00.000Z'],
    ['2026-11-28 07:54（北京时间）', '2026-11-27T23:54:00.000Z'],
  ])('reads %j without an offset as Beijing time', (typed, expected) => {
    expect(instantOf(typed)).toBe(expected);
  });

  it.each([
    ['2026-11-28T07:54:00Z', '2026-11-28T07:54:00.000Z'],
    ['2026-11-28T07:54:00.123Z', '2026-11-28T07:54:00.123Z'],
    ['2026-11-28T07:54:00+08:00', '2026-11-27T23:54:00.000Z'],
    ['2026-11-28T07:54-05:00', '2026-11-28T12:54:00.000Z'],
    ['2026-11-28 07:54+0530', '2026-11-28T02:24:00.000Z'],
  ])('takes %j with Z or an offset as given', (typed, expected) => {
    expect(instantOf(typed)).toBe(expected);
  });

  it.each(['', '   ', '　'])('asks for a time when %j is typed', (typed) => {
    expect(read(typed)).toEqual({ ok: false, code: 'INSTANT_REQUIRED', message: '请输入时间' });
  });

  it.each([
    'yesterday',
    '28/11/2026',
    '2026-11-28 07',
    '2026-13-01',
    '2026-02-30',
    '2026-11-28 24:00',
    '2026-11-28 07:60',
    '2026-11/28',
    '2026-11-28Z',
    '2026-11-28T07:54+15:00',
    '1764287640000',
  ])('refuses %j, naming what was typed', (typed) => {
    const result = read(typed);
    expect(result).toMatchObject({ ok: false, code: 'INVALID_INSTANT' });
    expect(!result.ok && result.message).toContain(`“${typed}”`);
  });

  it('refuses a time after now, saying what now is in Beijing time', () => {
    expect(read('2026-12-01 08:01')).toEqual({
      ok: false,
      code: 'INSTANT_IN_FUTURE',
      message: '时间不能晚于当前时间（现在是北京时间 2026-12-01 08:00）',
    });
    expect(instantOf('2026-12-01 08:00')).toBe(NOW.toISOString());
  });

  it('reads an as-of time without milliseconds as its whole second, as the history shows times to the second', () => {
    const asOf = (typed: string) => {
      const result = readBeijingInstant(typed, NOW, { wholeSecond: true });
      return result.ok ? result.instant.toISOString() : result.code;
    };
    expect(asOf('2026-11-28 07:54:30')).toBe('2026-11-27T23:54:30.999Z');
    expect(asOf('2026-11-28 07:54')).toBe('2026-11-27T23:54:00.999Z');
    expect(asOf('2026-11-28T07:54:30.120+08:00')).toBe('2026-11-27T23:54:30.120Z');
    // The current second is never stretched past now.
    expect(asOf('2026-12-01 08:00:00')).toBe('2026-12-01T00:00:00.000Z');
  });
});
