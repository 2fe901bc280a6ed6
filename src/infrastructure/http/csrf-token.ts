import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const CSRF_COOKIE = 'csrf';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

const BROWSER_VALUE_BYTES = 32;
/** base64url of 32 bytes, no padding. */
const BROWSER_VALUE_LENGTH = 43;

/**
 * Signed double-submit: the browser keeps a random value in an httpOnly cookie; pages and scripts
 * send back an HMAC of it, which only this server can compute. A cross-site form can make the
 * browser send the cookie but cannot read the page, so it cannot produce the token.
 */
export class CsrfTokens {
  /** HMACs already computed, by browser value: most requests come from browsers seen moments ago. */
  private readonly cachedTokens = new Map<string, string>();

  constructor(
    private readonly key: string,
    private readonly maxCachedTokens = 10_000,
  ) {}

  newBrowserValue(): string {
    return randomBytes(BROWSER_VALUE_BYTES).toString('base64url');
  }

  tokenFor(browserValue: string): string {
    const cached = this.cachedTokens.get(browserValue);
    if (cached !== undefined) return cached;
    const token = createHmac('sha256', this.key).update(`csrf:${browserValue}`).digest('base64url');
    // Cookies are client-controlled: only values shaped like ours are kept, so the cache stays small.
    if (browserValue.length === BROWSER_VALUE_LENGTH) this.remember(browserValue, token);
    return token;
  }

  isValid(browserValue: string | undefined, token: string | undefined): boolean {
    if (!browserValue || !token) return false;
    const expected = Buffer.from(this.tokenFor(browserValue));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /** Bounded: the oldest entry goes first (insertion order), which costs nothing on a hit. */
  private remember(browserValue: string, token: string): void {
    if (this.cachedTokens.size >= this.maxCachedTokens) {
      const oldest = this.cachedTokens.keys().next();
      if (!oldest.done) this.cachedTokens.delete(oldest.value);
    }
    this.cachedTokens.set(browserValue, token);
  }
}
