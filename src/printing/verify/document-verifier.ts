import { DOCUMENT_TITLES, type DocumentKind, type DocumentModel } from '../documents/document-models';
import type { DocumentTokenSigner } from '../documents/document-token';
import { contentVersion, documentVersion } from '../documents/document-version';
import type { EnrollmentDocumentSource } from '../documents/enrollment-documents.port';

export type VerificationOutcome = 'genuine' | 'revoked' | 'superseded' | 'expired' | 'invalid';

/** What the public verify page may show: never more than the paper, and masked. */
export interface VerifiedSummary {
  title: string;
  sessionName: string;
  candidateName: string;
  idNumberMasked: string;
  categoryName?: string;
  ticketNumber?: string;
  siteName?: string;
  /** A 报名表's review status now (已提交, 审核通过…): it may have moved on since the paper was printed. */
  statusNow?: string;
  issuedAt: string;
}

export interface Verification {
  outcome: VerificationOutcome;
  kind?: DocumentKind;
  summary?: VerifiedSummary;
}

/**
 * Reads a document's QR token: forged or malformed → invalid; past its expiry → expired; the
 * enrollment withdrawn → revoked (已作废); the data printed no longer the current data →
 * superseded (a newer version exists); otherwise genuine and current.
 */
export class DocumentVerifier {
  constructor(
    private readonly signer: DocumentTokenSigner,
    private readonly source: EnrollmentDocumentSource,
  ) {}

  async verify(token: string, now: Date): Promise<Verification> {
    const check = this.signer.check(token, now);
    if (!check.valid) return { outcome: check.reason === 'expired' ? 'expired' : 'invalid' };
    const { kind, enrollmentId, version, issuedAt } = check.claims;
    const enrollment = await this.source.findEnrollment(enrollmentId);
    // A genuine token whose enrollment is gone can only mean the record was voided.
    if (!enrollment) return { outcome: 'revoked', kind };
    const current: DocumentModel | undefined = kind === 'registration-form' ? enrollment.form : enrollment.ticket;
    const shown = current ?? enrollment.form;
    const summary = summarise(kind, shown, issuedAt);
    if (enrollment.withdrawn || !current) return { outcome: 'revoked', kind, summary: withoutCurrentDetails(summary) };
    // Papers printed before the version left the status out carry the whole model's version.
    if (contentVersion(current) !== version && documentVersion(current) !== version)
      return { outcome: 'superseded', kind, summary: withoutCurrentDetails(summary) };
    return { outcome: 'genuine', kind, summary };
  }
}

function summarise(kind: DocumentKind, model: DocumentModel, issuedAt: Date): VerifiedSummary {
  return {
    title: DOCUMENT_TITLES[kind],
    sessionName: model.session.name,
    candidateName: maskName(model.candidate.name),
    idNumberMasked: model.candidate.idNumberMasked,
    categoryName: model.category.name,
    ticketNumber: model.kind === 'admission-ticket' ? model.ticketNumber : undefined,
    siteName: model.kind === 'admission-ticket' ? model.site.name : undefined,
    ...(model.kind === 'registration-form' ? { statusNow: model.status.label } : {}),
    issuedAt: issuedAt.toISOString(),
  };
}

/** A paper that is no longer current must not reveal what changed since it was printed. */
function withoutCurrentDetails(summary: VerifiedSummary): VerifiedSummary {
  return { ...summary, categoryName: undefined, ticketNumber: undefined, siteName: undefined, statusNow: undefined };
}

/** 吉𠮷䶮 → 吉**: the first character, one star for each other (by code point, so 𠮷 counts once). */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return characters.join('');
  return characters[0] + '*'.repeat(characters.length - 1);
}
