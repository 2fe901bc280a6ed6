import { createHmac } from 'node:crypto';
import { CsrfTokens } from './csrf-token';

// Counting HMAC computations shows when a token came from the cache.
jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof import('node:crypto')>('node:crypto');
  return { ...actual, createHmac: jest.fn(actual.createHmac) };
});

describe('CsrfTokens', () => {
  const key = 'k'.repeat(32);
  const hmacs = jest.mocked(createHmac);

  beforeEach(() => hmacs.mockClear());

  it('accepts a valid token again without recomputing its HMAC', () => {
    const tokens = new CsrfTokens(key);
    const value = tokens.newBrowserValue();
    const token = new CsrfTokens(key).tokenFor(value);
    hmacs.mockClear();

    expect(tokens.isValid(value, token)).toBe(true);
    expect(tokens.isValid(value, token)).toBe(true);
    expect(tokens.tokenFor(value)).toBe(token);
    expect(hmacs).toHaveBeenCalledTimes(1);
  });

  it('still refuses a wrong token once the right one is cached', () => {
    const tokens = new CsrfTokens(key);
    const value = tokens.newBrowserValue();
    const token = tokens.tokenFor(value);

    expect(tokens.isValid(value, token)).toBe(true);
    expect(tokens.isValid(value, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(tokens.isValid(value, token.slice(1))).toBe(false);
    expect(tokens.isValid(tokens.newBrowserValue(), token)).toBe(false);
    expect(tokens.isValid(value, token)).toBe(true);
  });

  it('keeps the key in the token: tokens cached under one key are not served for another', () => {
    const value = new CsrfTokens(key).newBrowserValue();
    const ours = new CsrfTokens(key);
    const theirs = new CsrfTokens('x'.repeat(32));
    const ourToken = ours.tokenFor(value);

    expect(theirs.tokenFor(value)).not.toBe(ourToken);
    expect(theirs.isValid(value, ourToken)).toBe(false);
  });

  it('stays bounded: the oldest browser value is forgotten first', () => {
    const tokens = new CsrfTokens(key, 2);
    const [first, second, third] = [1, 2, 3].map(() => tokens.newBrowserValue());
    const tokenOf = new Map([first, second, third].map((value) => [value, tokens.tokenFor(value)]));
    hmacs.mockClear();

    expect(tokens.isValid(second, tokenOf.get(second))).toBe(true);
    expect(tokens.isValid(third, tokenOf.get(third))).toBe(true);
    expect(hmacs).toHaveBeenCalledTimes(0);
    expect(tokens.isValid(first, tokenOf.get(first))).toBe(true);
    expect(hmacs).toHaveBeenCalledTimes(1);
  });

  it('does not cache values we never issue, which a client could make arbitrarily long', () => {
    const tokens = new CsrfTokens(key);
    const forged = 'x'.repeat(4000);
    const token = tokens.tokenFor(forged);
    hmacs.mockClear();

    expect(tokens.isValid(forged, token)).toBe(true);
    expect(hmacs).toHaveBeenCalledTimes(1);
  });
});
