import { DocumentTokenSigner } from './document-token';

const claims = {
  kind: 'admission-ticket' as const,
  enrollmentId: '2027YS_c0ffee00-1234-4abc-8def-000000000001',
  version: 'AAECAwQFBgcI',
  issuedAt: new Date('2027-05-20T08:00:00Z'),
  expiresAt: new Date('2027-07-01T00:00:00Z'),
};
const now = new Date('2027-06-01T00:00:00Z');

describe('document tokens', () => {
  const signer = new DocumentTokenSigner('k'.repeat(32));

  it('gives back the claims of a token it signed', () => {
    const token = signer.sign(claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(110);
    expect(signer.check(token, now)).toEqual({ valid: true, claims });
  });

  it('calls a token signed with another key forged', () => {
    const token = new DocumentTokenSigner('x'.repeat(32)).sign(claims);
    expect(signer.check(token, now)).toEqual({ valid: false, reason: 'forged' });
  });

  it('calls a token with any byte changed forged', () => {
    const raw = Buffer.from(signer.sign(claims), 'base64url');
    for (const at of [1, 5, 12, raw.length - 20, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[at] ^= 0x01;
      expect(signer.check(tampered.toString('base64url'), now)).toEqual({ valid: false, reason: 'forged' });
    }
  });

  it('calls a genuine token past its expiry expired', () => {
    const token = signer.sign(claims);
    expect(signer.check(token, new Date('2027-07-01T00:00:00Z'))).toEqual({ valid: false, reason: 'expired' });
  });

  it('calls garbage malformed', () => {
    expect(signer.check('not a token!', now)).toEqual({ valid: false, reason: 'malformed' });
    expect(signer.check('AAAA', now)).toEqual({ valid: false, reason: 'malformed' });
  });
});
