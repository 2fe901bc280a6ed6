import type { Page } from 'puppeteer';
import type { DocumentFontBuilder, DocumentFonts } from '../fonts/document-fonts';
import { documentText } from '../fonts/document-text';
import { PdfRenderError } from '../printing.errors';
import type { BrowserPool } from './browser-pool';
import type { PdfCache } from './pdf-cache';
import { forgetWarmPage, printInWarmPage } from './warm-page';

/** Where a document's HTML takes its fonts: templates put these markers in their <style>. */
export const FONT_FACES_MARKER = '/*document-font-faces*/';
export const FONT_FAMILY_MARKER = "'document-font-family'";

export interface RenderLogger {
  warn(details: object, message: string): void;
}

/** A document ready to print: its HTML (with font markers) and the version it is cached by. */
export interface PrintableDocument {
  version: string;
  html: string;
}

/**
 * HTML to PDF: from the cache when this version was printed before, otherwise embeds the
 * document's font subsets and prints it in a pooled page. Concurrent requests for the same
 * version share one render.
 */
export class PdfRenderer {
  private readonly inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly fonts: DocumentFontBuilder,
    private readonly pool: BrowserPool,
    private readonly cache: PdfCache,
    private readonly timeoutMs: number,
    private readonly logger: RenderLogger,
  ) {}

  render(document: PrintableDocument): Promise<Buffer> {
    return this.renderVersion(document.version, async () => document.html);
  }

  /** Composes the HTML only when this version is not cached: a cache hit costs a hash and a lookup. */
  async renderVersion(version: string, compose: () => Promise<string>): Promise<Buffer> {
    const cached = await this.cache.get(version);
    if (cached) return cached;
    let pending = this.inFlight.get(version);
    if (!pending) {
      pending = this.renderUncached(version, compose).finally(() => this.inFlight.delete(version));
      this.inFlight.set(version, pending);
    }
    return pending;
  }

  /** The HTML with its fonts embedded, as printed (also used for the on-screen preview). */
  async withFonts(html: string): Promise<string> {
    const fonts = await this.fontsFor(html);
    return html.replace(FONT_FACES_MARKER, () => fonts.css).replaceAll(FONT_FAMILY_MARKER, fonts.fontFamily);
  }

  private async fontsFor(html: string): Promise<DocumentFonts> {
    const fonts = await this.fonts.build(documentText(html));
    if (fonts.uncovered.length > 0) {
      const codePoints = fonts.uncovered.map((c) => `U+${(c.codePointAt(0) as number).toString(16).toUpperCase()}`);
      this.logger.warn({ codePoints }, 'document has characters no embedded font can draw');
    }
    return fonts;
  }

  /** Printed in a warm page (see printInWarmPage): the fonts go in through the FontFace API, not as CSS. */
  private async renderUncached(version: string, compose: () => Promise<string>): Promise<Buffer> {
    const html = await compose();
    const fonts = await this.fontsFor(html);
    const document = html.replace(FONT_FACES_MARKER, '').replaceAll(FONT_FAMILY_MARKER, fonts.fontFamily);
    const pdf = await this.pool.withPage((page) => printPage(page, fonts, document, this.timeoutMs), this.timeoutMs);
    if (!isCompletePdf(pdf)) throw new PdfRenderError('invalid-output');
    await this.cache.set(version, pdf);
    return pdf;
  }
}

async function printPage(page: Page, fonts: DocumentFonts, html: string, timeoutMs: number): Promise<Buffer> {
  try {
    return await printInWarmPage(page, fonts.fonts, html, timeoutMs);
  } catch (error) {
    forgetWarmPage(page); // its fonts are unknown now: the next document loads the page afresh
    throw error;
  }
}

/** Never hand out half a PDF: it must start with the header and end with the trailer's %%EOF. */
export function isCompletePdf(pdf: Buffer): boolean {
  return pdf.subarray(0, 5).toString('latin1') === '%PDF-' && pdf.subarray(-32).toString('latin1').includes('%%EOF');
}
