import { randomBytes } from 'node:crypto';
import type { Response } from '../../infrastructure/http/http-types';

/** A fresh nonce for the one inline <style> of a printing page. */
export const newStyleNonce = (): string => randomBytes(16).toString('base64url');

/**
 * Printing pages carry their own styles and embedded fonts inline, which the site-wide CSP
 * forbids; they get a stricter policy of their own: that one <style> (by nonce), data: fonts and
 * images, no scripts, nothing fetched. Personal data: never stored by browsers or proxies.
 */
export function sendPrintingPage(res: Response, html: string, nonce: string): void {
  res.header(
    'Content-Security-Policy',
    `default-src 'none'; style-src 'nonce-${nonce}'; font-src data:; img-src data:; ` +
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.header('Cache-Control', 'no-store');
  res.type('text/html; charset=utf-8').send(html);
}

/** A whole PDF or nothing: the body is sent only once rendering has succeeded. */
export function sendPdf(res: Response, pdf: Buffer, filename: string, title: string): void {
  res.header('Content-Type', 'application/pdf');
  res.header(
    'Content-Disposition',
    `inline; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(`${title}.pdf`)}`,
  );
  res.header('Content-Length', String(pdf.length));
  res.header('Cache-Control', 'no-store');
  res.send(pdf);
}
