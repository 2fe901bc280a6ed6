import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DocumentKind } from './document-models';

/** What a document's QR code asserts, signed with the document key. */
export interface DocumentClaims {
  kind: DocumentKind;
  enrollmentId: string;
  /** documentVersion() of the data printed: 9 bytes as 12 base64url characters. */
  version: string;
  issuedAt: Date;
  expiresAt: Date;
}

export type TokenCheck =
  { valid: true; claims: DocumentClaims } | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

const FORMAT = 1;
const KINDS: DocumentKind[] = ['registration-form', 'admission-ticket'];
const VERSION_BYTES = 9;
const HEADER_BYTES = 1 + 1 + 4 + 4 + VERSION_BYTES;
/** HMAC-SHA256 truncated to 128 bits: unforgeable, and a shorter URL makes a sparser, easier QR code. */
const TAG_BYTES = 16;

/**
 * Compact binary tokens (base64url): format, kind, issued-at and expiry in seconds, version,
 * enrollment id, then the tag. ~100 characters for a typical enrollment id.
 */
export class DocumentTokenSigner {
  constructor(private readonly key: string) {
    if (key.length < 16) throw new Error('document signing key is too short');
  }

  sign(claims: DocumentClaims): string {
    const id = Buffer.from(claims.enrollmentId, 'utf8');
    const body = Buffer.alloc(HEADER_BYTES + id.length);
    body.writeUInt8(FORMAT, 0);
    body.writeUInt8(KINDS.indexOf(claims.kind), 1);
    body.writeUInt32BE(seconds(claims.issuedAt), 2);
    body.writeUInt32BE(seconds(claims.expiresAt), 6);
    const version = Buffer.from(claims.version, 'base64url');
    if (version.length !== VERSION_BYTES) throw new Error('document version must be 9 bytes');
    version.copy(body, 10);
    id.copy(body, HEADER_BYTES);
    return Buffer.concat([body, this.tag(body)]).toString('base64url');
  }

  check(token: string, now: Date): TokenCheck {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(token)) return { valid: false, reason: 'malformed' };
    const raw = Buffer.from(token, 'base64url');
    if (raw.length <= HEADER_BYTES + TAG_BYTES) return { valid: false, reason: 'malformed' };
    const body = raw.subarray(0, raw.length - TAG_BYTES);
    if (!timingSafeEqual(raw.subarray(raw.length - TAG_BYTES), this.tag(body)))
      return { valid: false, reason: 'forged' };
    const kind = KINDS[body.readUInt8(1)];
    if (body.readUInt8(0) !== FORMAT || !kind) return { valid: false, reason: 'malformed' };
    const claims: DocumentClaims = {
      kind,
      issuedAt: new Date(body.readUInt32BE(2) * 1000),
      expiresAt: new Date(body.readUInt32BE(6) * 1000),
      version: body.subarray(10, HEADER_BYTES).toString('base64url'),
      enrollmentId: body.subarray(HEADER_BYTES).toString('utf8'),
    };
    if (now.getTime() >= claims.expiresAt.getTime()) return { valid: false, reason: 'expired' };
    return { valid: true, claims };
  }

  private tag(body: Buffer): Buffer {
    return createHmac('sha256', this.key).update(body).digest().subarray(0, TAG_BYTES);
  }
}

function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
