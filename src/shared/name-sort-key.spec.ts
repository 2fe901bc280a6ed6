import { nameSortKey } from './name-sort-key';

const sorted = (names: string[]) => [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));

describe('nameSortKey', () => {
  it('orders Chinese names by pinyin, not by code point', () => {
    // By code point: 丁 丙 乙 壬 庚 (U+4E01 U+4E19 U+4E59 U+58EC U+5E9A).
    expect(sorted(['庚', '乙', '壬', '丙', '丁'])).toEqual(['丙', '丁', '庚', '壬', '乙']);
    expect(sorted(['张三', '李四', '王五', '赵六'])).toEqual(['李四', '王五', '张三', '赵六']);
  });

  it('reads a surname as a surname, and takes Latin names without case or accents', () => {
    expect(nameSortKey('单田芳').startsWith('shan tian fang')).toBe(true);
    expect(nameSortKey('曾小贤').startsWith('zeng xiao xian')).toBe(true);
    expect(sorted(['Zoe Li', 'josé garcía', 'Jose Abad'])).toEqual(['Jose Abad', 'josé garcía', 'Zoe Li']);
  });

  it('keeps names read alike apart, in a stable order', () => {
    expect(nameSortKey('张伟')).not.toBe(nameSortKey('章伟'));
    expect(sorted(['章伟', '张伟'])).toEqual(sorted(['张伟', '章伟']));
  });
});
