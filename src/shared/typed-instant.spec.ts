import { beijingIso, beijingWallClock, instantTypedInBeijing } from './typed-instant';

describe('a time typed as the product shows times', () => {
  const iso = (typed: string) => instantTypedInBeijing(typed)?.toISOString() ?? null;

  it('is Beijing time without an offset, in the forms the pages show, a date alone at 00:00', () => {
    expect(iso('2026-11-28 07:54')).toBe('2026-11-27T23:54:00.000Z');
    expect(iso('2026-11-28T07:54:30')).toBe('2026-11-27T23:54:30.000Z');
    expect(iso('2026/11/28 07:54')).toBe('2026-11-27T23:54:00.000Z');
    expect(iso('2026-11-28')).toBe('2026-11-27T16:00:00.000Z');
    expect(iso('２０２６－１１－２８　０７：５４（北京时间）')).toBe('2026-11-27T23:54:00.000Z');
    expect(iso('2027年1月31日 17:00')).toBe('2027-01-31T09:00:00.000Z');
    expect(iso('2027年1月31日')).toBe('2027-01-30T16:00:00.000Z');
  });

  it('takes Z or an offset as given', () => {
    expect(iso('2026-11-28T07:54Z')).toBe('2026-11-28T07:54:00.000Z');
    expect(iso('2026-11-28T07:54:00+09:00')).toBe('2026-11-27T22:54:00.000Z');
  });

  it('is none for what is no time', () => {
    for (const typed of ['', '2026-02-30', '2026-11-28 24:00', '2026-11-28Z', '2026-11-28T07:54+15:00', '明天'])
      expect(iso(typed)).toBeNull();
  });

  it('is written back in the catalog’s form, in Beijing time', () => {
    expect(beijingIso(new Date('2027-01-31T09:00:00Z'))).toBe('2027-01-31T17:00:00+08:00');
  });

  it('is shown as a wall clock in Beijing, to the minute or the second; what is no instant as it is', () => {
    expect(beijingWallClock('2027-01-31T16:59:58.700Z', 'minute')).toBe('2027-02-01 00:59');
    expect(beijingWallClock('2027-01-31T16:59:58.700Z', 'second')).toBe('2027-02-01 00:59:58');
    expect(beijingWallClock('not a time', 'second')).toBe('not a time');
  });
});
