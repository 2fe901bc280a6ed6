/** The data a printed document shows, built by the loader from the enrollment's read models. */
export interface CodeAndName {
  code: string;
  name: string;
}

export interface PrintedCandidate {
  name: string;
  gender?: string;
  birthDate?: string;
  idType: string;
  /** Masked (e.g. 1101**********123X): what the enrollment holds, and what the verify page shows. */
  idNumberMasked: string;
  /**
   * The full number, added when a paper is printed for someone allowed to print it: the 报名表 is
   * compared with the ID card at 资格审核, the 准考证 at the exam room's door. Not part of what the
   * QR code vouches for (see contentVersion): it follows from whose enrollment it is.
   */
  idNumber?: string;
  /** A data: URL (JPEG/PNG); documents fetch nothing. */
  photoDataUrl?: string;
  /** The photo's content hash, present with photoDataUrl: which 证件照 is printed. */
  photoSha256?: string;
}

export interface EnrollmentStatusLabel {
  code: string;
  /** As the candidate sees it, e.g. 已提交, 审核通过, 已放弃. */
  label: string;
}

/** 报名表: everything the candidate submitted for this enrollment. */
export interface RegistrationFormModel {
  kind: 'registration-form';
  enrollmentId: string;
  session: CodeAndName;
  candidate: PrintedCandidate;
  contact: { phone?: string; email?: string; address?: string; postcode?: string };
  employment: { status?: string; employer?: string; department?: string; position?: string; since?: string };
  education: Array<{ school: string; major: string; degree: string; from: string; to: string }>;
  training: Array<{ kind: string; institution: string; from: string; to: string }>;
  certificates: Array<{ name: string; number: string; issuedOn?: string }>;
  category: CodeAndName;
  area: CodeAndName;
  site: CodeAndName;
  pledge: { version: string; acceptedAt: string };
  status: EnrollmentStatusLabel;
  submittedAt?: string;
  /** When the data shown last changed: the QR token's issue time, so equal data gives an equal PDF. */
  asOf: string;
  /** After this the QR code reports the document as expired. */
  validUntil: string;
}

export interface ExamSitting {
  subject: string;
  startsAt: string;
  endsAt: string;
}

/** 准考证. */
export interface AdmissionTicketModel {
  kind: 'admission-ticket';
  enrollmentId: string;
  session: CodeAndName;
  candidate: PrintedCandidate;
  ticketNumber: string;
  category: CodeAndName;
  area: CodeAndName;
  site: CodeAndName & { address: string };
  room: string;
  seat: string;
  sittings: ExamSitting[];
  /** 考生须知. */
  rules: string[];
  issuedAt: string;
  validUntil: string;
}

export type DocumentModel = RegistrationFormModel | AdmissionTicketModel;
export type DocumentKind = DocumentModel['kind'];

export const DOCUMENT_TITLES: Record<DocumentKind, string> = {
  'registration-form': '报名表',
  'admission-ticket': '准考证',
};
