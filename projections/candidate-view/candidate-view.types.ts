import type { Certificate, Contact, Education, Employment, Training } from '../../src/profile/profile.types';

export const CANDIDATE_VIEW_PROJECTION = 'candidate-view';
export const CANDIDATE_VIEW_COLLECTION = 'candidate-view';

/**
 * The candidate view: one document per candidate (id = candidateId), folded from the
 * `candidate-<candidateId>` stream. The profile page, the enrollment steps and printing read it.
 * Pages show the masked identity number and phone; the full values are for printing only.
 */
export type CandidateView = {
  candidateId: string;
  username: string;
  realName: string;
  gender: 'M' | 'F';
  birthDate: string;
  idType: string;
  /** Full number: printing only (报名表 / 准考证). Never on pages, never logged. */
  idNumber: string;
  /** e.g. 110101********002X (maskIdNumber) */
  idNumberMasked: string;
  nationality: string;
  /** Registration mobile, full (printing) and masked (pages), e.g. 138****8000. */
  mobile: string;
  mobileMasked: string;
  email: string;
  registeredAt: string;
  contact: Contact | null;
  employment: Employment | null;
  education: Education[];
  training: Training[];
  certificates: Certificate[];
  /** 证件照: served by GET /profile/photo/<sha256>.jpg to its owner (staff: through the enrollment they review). */
  photo: { sha256: string; bytes: number; width: number; height: number } | null;
  /** Revision of the stream's last event, as a string: the profile's ETag / If-Match value. */
  revision: string;
  /** occurredAt of the last event applied. */
  updatedAt: string;
};

/** One masking of ID numbers across the product. */
export { maskIdNumber } from '../../src/accounts/security/identity-key';

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/\d(?=\d{4})/g, '*');
}
