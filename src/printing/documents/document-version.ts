import { createHash } from 'node:crypto';
import type { DocumentModel, RegistrationFormModel } from './document-models';
import type { DocumentClaims } from './document-token';

/**
 * A document's version: a hash of exactly the data it shows. The same events give the same
 * version (and the cached PDF); any change to what is printed gives a new one. 9 bytes, base64url.
 */
export function documentVersion(model: DocumentModel): string {
  return createHash('sha256').update(canonicalJson(model)).digest().subarray(0, 9).toString('base64url');
}

/** JSON with keys sorted at every level, so equal data always hashes equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The version a QR code vouches for: what the candidate's paper says about them, without the
 * review status and the time the data last changed. A 报名表 printed after 提交 and brought to the
 * on-site review still verifies as current once staff have approved it; the page says the status of
 * now. (The whole model, status included, still versions the PDF cache.)
 */
export function contentVersion(model: DocumentModel): string {
  const { asOf: _asOf, ...content } = model as DocumentModel & { asOf?: string };
  // The full number is printed, not vouched for: the verify page reads the enrollment without it.
  const { idNumber: _idNumber, ...asEnrolled } = content.candidate;
  if (content.kind === 'registration-form') {
    const { status: _status, ...withoutStatus } = content as Omit<RegistrationFormModel, 'asOf'>;
    return documentVersion({ ...withoutStatus, candidate: asEnrolled } as unknown as DocumentModel);
  }
  return documentVersion({ ...content, candidate: asEnrolled } as unknown as DocumentModel);
}

/** The claims a document's QR token carries: all from the data, so equal data gives an equal token. */
export function documentClaims(model: DocumentModel): DocumentClaims {
  return {
    kind: model.kind,
    enrollmentId: model.enrollmentId,
    version: contentVersion(model),
    issuedAt: new Date(model.kind === 'registration-form' ? model.asOf : model.issuedAt),
    expiresAt: new Date(model.validUntil),
  };
}
