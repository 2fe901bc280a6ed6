import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import type { PrintableDocument } from '../rendering/pdf-renderer';
import { DOCUMENT_TITLES, type DocumentModel } from './document-models';
import type { DocumentTokenSigner } from './document-token';
import { documentClaims, documentVersion } from './document-version';
import type { PrintTemplates } from './print-templates';

/** A document's printable HTML body with what identifies it. */
export interface ComposedBody {
  dataVersion: string;
  token: string;
  body: string;
}

/**
 * Turns a document model into the HTML Chromium prints: the template filled with the data and
 * a QR code of /verify/<token>. Everything is derived from the data (the token's issue time is
 * the data's own time), so equal data gives byte-equal HTML and one cache entry.
 */
export class DocumentComposer {
  constructor(
    private readonly templates: PrintTemplates,
    private readonly signer: DocumentTokenSigner,
    /** Ends with /verify/, e.g. https://baoming.example.cn/verify/ */
    private readonly verifyUrlBase: string,
  ) {}

  async composeBody(model: DocumentModel): Promise<ComposedBody> {
    const claims = documentClaims(model);
    const dataVersion = claims.version;
    const issuedAt = claims.issuedAt.toISOString();
    const token = this.signer.sign(claims);
    const qrSvg = await QRCode.toString(`${this.verifyUrlBase}${token}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 0,
    });
    const view = { ...model, qrSvg, title: DOCUMENT_TITLES[model.kind], version: dataVersion, issuedAt };
    return { dataVersion, token, body: this.templates.render(model.kind, view) };
  }

  /** The cache key of a document: its data, the templates and the verify URL; cheap (no QR, no HTML). */
  versionOf(model: DocumentModel): string {
    return createHash('sha256')
      .update([model.kind, documentVersion(model), this.templates.version, this.verifyUrlBase].join('\n'))
      .digest()
      .subarray(0, 18)
      .toString('base64url');
  }

  /** The whole A4 document, with the fonts still to embed (see PdfRenderer). */
  async compose(model: DocumentModel): Promise<PrintableDocument> {
    return { version: this.versionOf(model), html: await this.composeHtml(model) };
  }

  async composeHtml(model: DocumentModel): Promise<string> {
    const { body } = await this.composeBody(model);
    return this.templates.render('document', { title: DOCUMENT_TITLES[model.kind], css: this.templates.css, body });
  }
}
