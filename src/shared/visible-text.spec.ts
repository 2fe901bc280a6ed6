import { visibleStrings, visibleText } from './visible-text';

describe('text as it shows', () => {
  it('drops bidirectional overrides, zero-width characters, the BOM and controls', () => {
    expect(visibleText('北京市\u202e东城区\u200b某路1号')).toBe('北京市东城区某路1号');
    expect(visibleText('\ufeff某医院\u200d（本部）\u2066\u2069\t')).toBe('某医院（本部）');
    expect(visibleText('a\u0000b\u007fc\u0085d')).toBe('abcd');
  });

  it('keeps what shows: Chinese, rare characters, full-width punctuation, the middle dot of names', () => {
    expect(visibleText(' 𠮷䶮·阿依古丽，（一）号 ')).toBe('𠮷䶮·阿依古丽，（一）号');
  });

  it('cleans every string of a nested input and leaves other values alone', () => {
    const input = { contact: { address: '东城区\u202e1号', postcode: '100010' }, rows: [{ name: 'x\u200b' }], n: 3 };
    expect(visibleStrings(input)).toEqual({
      contact: { address: '东城区1号', postcode: '100010' },
      rows: [{ name: 'x' }],
      n: 3,
    });
  });
});
