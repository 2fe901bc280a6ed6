import { DEFAULT_FACE_CHAIN } from './font-faces.config';
import { FontLibrary, type LoadedFace } from './font-library';
import { HarfBuzzSubsetter } from './harfbuzz-subsetter';
import { readCodePoints, readTableDirectory } from './sfnt-tables';

const codePointsOf = (font: Buffer) => readCodePoints(font, readTableDirectory(font));
const codePoints = (text: string) => [...text].map((character) => character.codePointAt(0) as number);

describe('HarfBuzz subsets with the main faces kept loaded', () => {
  const library = new FontLibrary(DEFAULT_FACE_CHAIN);
  const subsetter = new HarfBuzzSubsetter();
  const faceFor = async (text: string, weight: 'regular' | 'bold' = 'regular') =>
    (await library.assign(text, weight)).byFace[0].face;

  it('keeps the primary face: subset after subset maps exactly the characters asked for', async () => {
    const face = await faceFor('报');
    expect(face.primary).toBe(true);
    const first = await subsetter.subset(face, 'AB 报名表𠮷䶮');
    const other = await subsetter.subset(face, '准考证');
    const again = await subsetter.subset(face, 'AB 报名表𠮷䶮');
    expect(again.equals(first)).toBe(true);
    expect([...codePointsOf(first)].sort()).toEqual(codePoints('AB 报名表𠮷䶮').sort());
    expect([...codePointsOf(other)].sort()).toEqual(codePoints('准考证').sort());
    expect(first.toString('latin1', 0, 4)).toBe('OTTO');
  }, 30_000);

  it('makes the same subset from the kept (preprocessed) face as from a freshly loaded one', async () => {
    const face = await faceFor('A', 'bold');
    const fresh: LoadedFace = { ...face, primary: false };
    const text = '2027年医师资格考试报名表 Zhang（）：';
    expect((await subsetter.subset(face, text)).equals(await subsetter.subset(fresh, text))).toBe(true);
  }, 30_000);

  it('frees a fallback face after each subset, so the 50 MB BabelStone Han fits every time', async () => {
    const babelStone = (await library.assign('𪚥', 'regular')).byFace[0].face;
    expect(babelStone.primary).toBe(false);
    for (let round = 0; round < 3; round++) {
      expect([...codePointsOf(await subsetter.subset(babelStone, '𪚥'))]).toEqual(codePoints('𪚥'));
    }
  }, 60_000);

  it('fails with the font named when HarfBuzz cannot read it', async () => {
    const broken: LoadedFace = {
      key: 'broken.otf',
      label: 'broken',
      format: 'opentype',
      codePoints: new Set(),
      primary: false,
      data: () => Buffer.from('not a font at all'),
    };
    await expect(subsetter.subset(broken, '报名')).rejects.toThrow(/broken\.otf/);
  });
});
