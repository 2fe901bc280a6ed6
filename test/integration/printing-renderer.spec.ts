import { DEFAULT_FACE_CHAIN } from '../../src/printing/fonts/font-faces.config';
import { DocumentFontBuilder } from '../../src/printing/fonts/document-fonts';
import { FontLibrary } from '../../src/printing/fonts/font-library';
import { PdfRenderError } from '../../src/printing/printing.errors';
import { BrowserPool } from '../../src/printing/rendering/browser-pool';
import { PdfCache } from '../../src/printing/rendering/pdf-cache';
import { FONT_FACES_MARKER, FONT_FAMILY_MARKER, PdfRenderer } from '../../src/printing/rendering/pdf-renderer';
import { readPdf } from './printing-pdf-reader';

const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${FONT_FACES_MARKER}
  body{font-family:${FONT_FAMILY_MARKER};} h1{font-weight:bold}</style></head><body>${body}</body></html>`;

describe('PDF renderer with a pooled browser', () => {
  const fonts = new DocumentFontBuilder(new FontLibrary(DEFAULT_FACE_CHAIN));
  const pool = new BrowserPool({
    executablePath: '/usr/bin/chromium',
    pages: 2,
    launchTimeoutMs: 30_000,
    healthCheckTimeoutMs: 1_000,
  });
  const warnings: object[] = [];
  const renderer = (timeoutMs = 15_000) =>
    new PdfRenderer(fonts, pool, new PdfCache({ maxBytes: 10_000_000 }), timeoutMs, {
      warn: (details) => warnings.push(details),
    });
  const printer = renderer();
  afterAll(() => pool.close());

  it('prints Chinese text and rare characters in names with embedded fonts only', async () => {
    const pdf = await printer.render({ version: 'rare', html: page('<h1>报名表</h1><p>姓名：吉𠮷 刘䶮 𪚥</p>') });
    const contents = readPdf(pdf);
    expect(contents.pages).toEqual(['报名表姓名：吉𠮷 刘䶮 𪚥']);
    expect(contents.fonts.every((font) => font.embedded)).toBe(true);
    expect(contents.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'BabelStoneHan',
      'NotoSansCJKsc-Bold',
      'NotoSansCJKsc-Regular',
    ]);
    expect(warnings).toEqual([]);
  }, 60_000);

  it('serves the same version from the cache, and a new version is printed anew', async () => {
    const first = await printer.render({ version: 'cached', html: page('<p>准考证号 1</p>') });
    const started = performance.now();
    const again = await printer.render({ version: 'cached', html: page('<p>准考证号 1</p>') });
    expect(performance.now() - started).toBeLessThan(5);
    expect(again).toBe(first);
    const changed = await printer.render({ version: 'cached-2', html: page('<p>准考证号 2</p>') });
    expect(readPdf(changed).pages).toEqual(['准考证号 2']);
  }, 60_000);

  it('fails a render that exceeds its timeout with a clear error, and keeps a browser that still answers', async () => {
    await printer.render({ version: 'warm', html: page('<p>预热</p>') });
    const launches = pool.launchCount;
    await expect(renderer(1).render({ version: 'slow', html: page('<p>超时</p>') })).rejects.toMatchObject({
      code: 'PDF_RENDER_TIMEOUT',
      httpStatus: 503,
    });
    const pdf = await printer.render({ version: 'after-timeout', html: page('<p>超时之后</p>') });
    expect(readPdf(pdf).pages).toEqual(['超时之后']);
    expect(pool.launchCount).toBe(launches);
  }, 60_000);

  it('replaces a hung browser', async () => {
    await printer.render({ version: 'before-hang', html: page('<p>挂起之前</p>') });
    const hungPid = (await pool.browserPid()) as number;
    const launches = pool.launchCount;
    process.kill(hungPid, 'SIGSTOP');
    const hung = renderer(1_500).render({ version: 'hung', html: page('<p>挂起</p>') });
    await expect(hung).rejects.toBeInstanceOf(PdfRenderError);
    const pdf = await printer.render({ version: 'after-hang', html: page('<p>挂起之后</p>') });
    expect(readPdf(pdf).pages).toEqual(['挂起之后']);
    expect(pool.launchCount).toBe(launches + 1);
    expect(await pool.browserPid()).not.toBe(hungPid);
  }, 60_000);

  it('replaces a browser killed in the middle of a render', async () => {
    await printer.render({ version: 'before-crash', html: page('<p>崩溃之前</p>') });
    const crashedPid = (await pool.browserPid()) as number;
    const crashed = pool.withPage(async (tab) => {
      process.kill(crashedPid, 'SIGKILL');
      await tab.setContent(page('<p>崩溃</p>'));
      return tab.pdf();
    }, 10_000);
    await expect(crashed).rejects.toMatchObject({ code: 'PDF_RENDER_FAILED', reason: 'browser-crashed' });
    const pdf = await printer.render({ version: 'after-crash', html: page('<p>崩溃之后</p>') });
    expect(readPdf(pdf).pages).toEqual(['崩溃之后']);
    expect(await pool.browserPid()).not.toBe(crashedPid);
  }, 60_000);
});
