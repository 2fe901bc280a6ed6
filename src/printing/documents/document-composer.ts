import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import type { PrintableDocument } from '../rendering/pdf-renderer';
import { DOCUMENT_TITLES, type DocumentModel } from './document-models';
import type { DocumentTokenSigner } from './document-token';
import { documentClaims } from './document-version';
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

  /** The whole A4 document; its version (the cache key) covers data, templates and verify URL. */
  async compose(model: DocumentModel): Promise<PrintableDocument> {
    const { dataVersion, body } = await this.composeBody(model);
    const html = this.templates.render('document', {
      title: DOCUMENT_TITLES[model.kind],
      css: this.templates.css,
      body,
    });
    const version = createHash('sha256')
      .update([model.kind, dataVersion, this.templates.version, this.verifyUrlBase].join('\n'))
      .digest()
      .subarray(0, 18)
      .toString('base64url');
    return { version, html };
  }
}
