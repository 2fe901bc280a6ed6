import { join } from 'node:path';
import { DocumentComposer } from './documents/document-composer';
import type { DocumentModel } from './documents/document-models';
import { DocumentTokenSigner } from './documents/document-token';
import { PrintTemplates } from './documents/print-templates';
import { DEFAULT_FACE_CHAIN } from './fonts/font-faces.config';
import { DocumentFontBuilder } from './fonts/document-fonts';
import { FontLibrary } from './fonts/font-library';
import { BrowserPool } from './rendering/browser-pool';
import { PdfCache } from './rendering/pdf-cache';
import { PdfRenderer, type RenderLogger } from './rendering/pdf-renderer';

export interface PrintEngineOptions {
  chromiumPath: string | undefined;
  templatesDirectory: string;
  documentKey: string;
  publicBaseUrl: string;
  /** Where rendered PDFs are kept across restarts (DATA_DIR/pdf-cache); memory only when absent. */
  dataDirectory?: string;
  /** Pages printing at once. Chromium does the work in its own processes; 2 suits 2 cores. */
  pages?: number;
  renderTimeoutMs?: number;
  cacheMaxBytes?: number;
}

/** Everything that turns a document model into a PDF, built once per process. */
export class PrintEngine {
  readonly templates: PrintTemplates;
  readonly signer: DocumentTokenSigner;
  readonly composer: DocumentComposer;
  readonly fonts: DocumentFontBuilder;
  readonly pool: BrowserPool;
  readonly renderer: PdfRenderer;

  constructor(options: PrintEngineOptions, logger: RenderLogger) {
    this.templates = new PrintTemplates(options.templatesDirectory);
    this.signer = new DocumentTokenSigner(options.documentKey);
    this.composer = new DocumentComposer(this.templates, this.signer, `${options.publicBaseUrl}/verify/`);
    this.fonts = new DocumentFontBuilder(new FontLibrary(DEFAULT_FACE_CHAIN), this.templates.text);
    this.pool = new BrowserPool({
      executablePath: options.chromiumPath,
      pages: options.pages ?? 2,
      launchTimeoutMs: 30_000,
      healthCheckTimeoutMs: 3_000,
    });
    const cache = new PdfCache({
      maxBytes: options.cacheMaxBytes ?? 64 * 1024 * 1024,
      directory: options.dataDirectory ? join(options.dataDirectory, 'pdf-cache') : undefined,
    });
    this.renderer = new PdfRenderer(this.fonts, this.pool, cache, options.renderTimeoutMs ?? 20_000, logger);
  }

  /** A document as a PDF: from the cache by its version, or composed and printed. */
  printPdf(model: DocumentModel): Promise<Buffer> {
    return this.renderer.renderVersion(this.composer.versionOf(model), () => this.composer.composeHtml(model));
  }

  /** Reads the fonts and starts the browser ahead of the first request (production start-up). */
  async warmUp(): Promise<void> {
    await this.fonts.build({ regular: '报名表准考证', bold: '报名表准考证' });
    await this.pool.withPage(async () => undefined, 30_000);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
