import type { AdmissionTicketModel, RegistrationFormModel } from './document-models';

/** What printing needs to know about one enrollment: whose it is, where, and its documents. */
export interface PrintableEnrollment {
  enrollmentId: string;
  candidateId: string;
  areaCode: string;
  siteCode: string;
  /** Withdrawn (放弃报考): its documents are void. */
  withdrawn: boolean;
  form: RegistrationFormModel;
  /** Present once a ticket number has been issued. */
  ticket?: AdmissionTicketModel;
  /** When candidates may print the ticket (the session's printing window). */
  ticketPrintWindow?: { opensAt: string; closesAt: string };
}

/** Implemented over the enrollment slice's read models; printing only reads through this port. */
export interface EnrollmentDocumentSource {
  findEnrollment(enrollmentId: string): Promise<PrintableEnrollment | undefined>;
}

export const ENROLLMENT_DOCUMENT_SOURCE = Symbol('EnrollmentDocumentSource');
