import { resolve } from 'node:path';
import { DocumentComposer } from '../../src/printing/documents/document-composer';
import { DocumentTokenSigner } from '../../src/printing/documents/document-token';
import { PrintTemplates } from '../../src/printing/documents/print-templates';
import { DocumentFontBuilder } from '../../src/printing/fonts/document-fonts';
import { documentText } from '../../src/printing/fonts/document-text';
import { DEFAULT_FACE_CHAIN } from '../../src/printing/fonts/font-faces.config';
import { FontLibrary } from '../../src/printing/fonts/font-library';
import { readCodePoints, readTableDirectory } from '../../src/printing/fonts/sfnt-tables';
import { BrowserPool } from '../../src/printing/rendering/browser-pool';
import { PdfCache } from '../../src/printing/rendering/pdf-cache';
import { PdfRenderer } from '../../src/printing/rendering/pdf-renderer';
import { sampleAdmissionTicket, sampleRegistrationForm } from '../../src/printing/testing/document-fixtures';
import { readPdf } from './printing-pdf-reader';

describe('报名表 and 准考证 printed from their templates', () => {
  const templates = new PrintTemplates(resolve('templates/print'));
  // As PrintEngine builds it: the templates' text from one shared subset, the rest per document.
  const fonts = new DocumentFontBuilder(new FontLibrary(DEFAULT_FACE_CHAIN), templates.text);
  const pool = new BrowserPool({
    executablePath: '/usr/bin/chromium',
    pages: 2,
    launchTimeoutMs: 30_000,
    healthCheckTimeoutMs: 2_000,
  });
  const warnings: object[] = [];
  const renderer = new PdfRenderer(fonts, pool, new PdfCache({ maxBytes: 10_000_000 }), 20_000, {
    warn: (details) => warnings.push(details),
  });
  const signer = new DocumentTokenSigner('document-key-for-tests-0123456789');
  const composer = new DocumentComposer(templates, signer, 'https://baoming.test/verify/');
  afterAll(() => pool.close());

  it('prints everything the candidate submitted on the registration form', async () => {
    const form = sampleRegistrationForm();
    const contents = readPdf(await renderer.render(await composer.compose(form)));
    expect(contents.pages).toHaveLength(1);
    const text = contents.pages.join('');
    for (const shown of [
      '2027年医师资格考试报名表',
      '吉𠮷䶮',
      '110108********012X',
      '138****5678',
      '北京大学第三医院',
      '北京大学医学部',
      '住院医师规范化培训',
      'BJ2024-000123',
      '临床执业医师',
      '北京市',
      '海淀区考点（北京大学医学部）',
      '版本 2027.1',
      '2027年01月15日 10:03',
      '已提交，待审核',
    ]) {
      expect(text.replace(/\s+/g, '')).toContain(shown.replace(/\s+/g, ''));
    }
    expect(text).not.toContain('11010819980307012X');
    expect(warnings).toEqual([]);
  }, 60_000);

  it('prints the admission ticket with its number, seat, sittings and rules', async () => {
    const ticket = sampleAdmissionTicket();
    const text = readPdf(await renderer.render(await composer.compose(ticket)))
      .pages.join('')
      .replace(/\s+/g, '');
    for (const shown of [
      '2027年医师资格考试准考证',
      '271101110000123',
      '吉𠮷䶮',
      '110108********012X',
      '第012考场',
      '座位号：27',
      '北京市海淀区学院路38号北京大学医学部教学楼',
      '2027年08月21日09:00—11:30',
      '2027年08月21日14:00—16:30',
      '严禁携带手机',
      '临床执业医师',
    ]) {
      expect(text).toContain(shown);
    }
  }, 60_000);

  it('embeds fonts that map every character the PDF shows, and no other font', async () => {
    const ticket = sampleAdmissionTicket({
      candidate: { ...sampleAdmissionTicket().candidate, name: '刘䶮 𪚥𠮷' },
      session: { code: '2027YS', name: '2027年乡村全科执业助理医师资格考试' },
    });
    const document = await composer.compose(ticket);
    const contents = readPdf(await renderer.render(document));
    const embedded = await fonts.build(documentText(document.html));
    const mapped = (weight: 'regular' | 'bold') => {
      const codePoints = new Set<number>();
      for (const font of embedded.fonts.filter((candidate) => candidate.weight === weight)) {
        readCodePoints(font.data, readTableDirectory(font.data)).forEach((codePoint) => codePoints.add(codePoint));
      }
      return codePoints;
    };
    const regular = mapped('regular');
    const shown = new Set(contents.pages.join('').replace(/\s/g, ''));
    expect(shown.has('𪚥')).toBe(true);
    expect([...shown].filter((character) => !regular.has(character.codePointAt(0) as number))).toEqual([]);
    // Bold text (the title holds the session's name) is in the bold subset.
    const bold = mapped('bold');
    expect(
      [...'2027年乡村全科执业助理医师资格考试准考证'].filter((c) => !bold.has(c.codePointAt(0) as number)),
    ).toEqual([]);
    // Only the embedded subsets (Noto's shared one and the document's own, per weight): a glyph
    // missing from a subset would bring in a system font of the same name as a further font.
    const names = contents.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort();
    expect(names).toEqual([
      'BabelStoneHan',
      'NotoSansCJKsc-Bold',
      'NotoSansCJKsc-Bold',
      'NotoSansCJKsc-Regular',
      'NotoSansCJKsc-Regular',
    ]);
    expect(embedded.fonts.map((font) => font.family).sort()).toEqual([
      'doc-BabelStoneHan',
      'doc-Noto-Sans-CJK-SC',
      'doc-Noto-Sans-CJK-SC',
      'doc-Noto-Sans-CJK-SC-own',
      'doc-Noto-Sans-CJK-SC-own',
    ]);
    expect(contents.fonts.every((font) => font.embedded)).toBe(true);
  }, 60_000);

  it('gives equal data one version and changed data a new one', async () => {
    const first = await composer.compose(sampleRegistrationForm());
    const same = await composer.compose(sampleRegistrationForm());
    const changed = await composer.compose(sampleRegistrationForm({ site: { code: '1102', name: '朝阳区考点' } }));
    expect(same).toEqual(first);
    expect(changed.version).not.toBe(first.version);
  });
});
