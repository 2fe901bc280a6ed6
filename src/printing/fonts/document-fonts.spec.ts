import { DEFAULT_FACE_CHAIN } from './font-faces.config';
import { FontLibrary } from './font-library';
import { DocumentFontBuilder } from './document-fonts';
import { readCodePoints, readTableDirectory } from './sfnt-tables';

/** 𠮷 (Ext B), 䶮 (Ext A), 𰻞 (Ext G) are in Noto; 𪚥 (U+2A6A5, Ext B) only in BabelStone Han. */
const RARE_NAME = '吉𠮷 刘䶮 𰻞𰻞面 𪚥';
const TEXT = `报名表 准考证号 临床执业医师 北京市海淀区 ${RARE_NAME} Zhang San 2027-05-01 ①（）：；`;

describe('fonts embedded per document', () => {
  // Subsetting a 16 MB face takes ~1.6 s alone; beside the other suites on two cores it passed 5 s.
  jest.setTimeout(30_000);
  const builder = new DocumentFontBuilder(new FontLibrary(DEFAULT_FACE_CHAIN));
  const both = (text: string) => ({ regular: text, bold: text });

  it('covers every character of the text, rare ones by per-glyph fallback', async () => {
    const fonts = await builder.build(both(TEXT));
    expect(fonts.uncovered).toEqual([]);
    for (const weight of ['regular', 'bold'] as const) {
      const mapped = new Set<number>();
      for (const font of fonts.fonts.filter((candidate) => candidate.weight === weight)) {
        readCodePoints(font.data, readTableDirectory(font.data)).forEach((codePoint) => mapped.add(codePoint));
      }
      const syntheticBold = weight === 'bold' ? [...'𪚥'] : [];
      const missing = [...new Set(TEXT)].filter(
        (character) => character.trim() !== '' && !mapped.has(character.codePointAt(0) as number),
      );
      expect(missing).toEqual(syntheticBold);
    }
  });

  it('draws Chinese with Noto Sans CJK SC first and falls back to BabelStone Han only where needed', async () => {
    const fonts = await builder.build(both(TEXT));
    const regular = fonts.fonts.filter((font) => font.weight === 'regular');
    expect(regular.map((font) => font.family)).toEqual(['doc-Noto-Sans-CJK-SC', 'doc-BabelStoneHan']);
    expect(regular[1].characters).toBe('𪚥');
    expect(fonts.fontFamily).toBe("'doc-Noto-Sans-CJK-SC', 'doc-BabelStoneHan'");
    expect(fonts.css).toContain('font-weight:700;font-style:normal;src:url(data:font/otf;base64,');
  });

  it('embeds small OpenType subsets, not the 16 MB face', async () => {
    const fonts = await builder.build(both(TEXT));
    for (const font of fonts.fonts) {
      expect(['OTTO', '\u0000\u0001\u0000\u0000']).toContain(font.data.toString('latin1', 0, 4));
      expect(font.data.length).toBeLessThan(200_000);
    }
  });

  it('draws common text from one subset shared by every document and the rest from its own', async () => {
    const shared = new DocumentFontBuilder(new FontLibrary(DEFAULT_FACE_CHAIN), '报名表姓名准考证');
    const first = await shared.build(both(`报名表 姓名：${RARE_NAME}`));
    const second = await shared.build(both('报名表 姓名：张三'));
    expect(first.uncovered).toEqual([]);
    expect(first.fontFamily).toBe("'doc-Noto-Sans-CJK-SC', 'doc-Noto-Sans-CJK-SC-own', 'doc-BabelStoneHan'");
    for (const weight of ['regular', 'bold'] as const) {
      const of = (fonts: typeof first, family: string) =>
        fonts.fonts.find((font) => font.weight === weight && font.family === family);
      const common = of(first, 'doc-Noto-Sans-CJK-SC');
      expect(common?.data.equals(of(second, 'doc-Noto-Sans-CJK-SC')?.data as Buffer)).toBe(true);
      expect(of(first, 'doc-Noto-Sans-CJK-SC-own')?.characters).toBe('：吉𠮷刘䶮𰻞面');
      expect(of(second, 'doc-Noto-Sans-CJK-SC-own')?.characters).toBe('：张三');
      const mapped = new Set<number>();
      for (const font of first.fonts.filter((candidate) => candidate.weight === weight)) {
        readCodePoints(font.data, readTableDirectory(font.data)).forEach((codePoint) => mapped.add(codePoint));
      }
      const missing = [...new Set(`报名表 姓名：${RARE_NAME}`)].filter(
        (character) => !mapped.has(character.codePointAt(0) as number),
      );
      expect(missing).toEqual(weight === 'bold' ? ['𪚥'] : []);
    }
  });

  it('reports characters that no face has instead of silently printing boxes', async () => {
    const fonts = await builder.build(both('姓名\u{F0000}'));
    expect(fonts.uncovered).toEqual(['\u{F0000}']);
  });
});
