import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Signed double-submit: the browser keeps a random value in an httpOnly cookie; pages and scripts
 * send back an HMAC of it, which only this server can compute. A cross-site form can make the
 * browser send the cookie but cannot read the page, so it cannot produce the token.
 */
export class CsrfTokens {
  constructor(private readonly key: string) {}

  newBrowserValue(): string {
    return randomBytes(32).toString('base64url');
  }

  tokenFor(browserValue: string): string {
    return createHmac('sha256', this.key).update(`csrf:${browserValue}`).digest('base64url');
  }

  isValid(browserValue: string | undefined, token: string | undefined): boolean {
    if (!browserValue || !token) return false;
    const expected = Buffer.from(this.tokenFor(browserValue));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
