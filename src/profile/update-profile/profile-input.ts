import { randomUUID } from 'node:crypto';
import type { ProfileInput } from '../profile.types';

/** The profile as submitted, before the directory says whether the names are known. */
type Raw = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const record = (value: unknown): Raw =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Raw) : {};
/** A form's `education[0][school]` arrives as an array, or as an object with index keys. */
const rows = (value: unknown): Raw[] =>
  (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []).map(record);
/** Employer or school: a name (form, API) or { name } (API); the directory flag is the server's to set. */
const institution = (value: unknown) => ({
  name: text(typeof value === 'string' ? value : record(value).name),
  inDirectory: false,
});
/** Rows without an id are new: they get one here, so the decider stays pure. */
const entryId = (value: unknown): string => text(value) || randomUUID();

/**
 * One shape for the JSON API body and the page's form (`contact[phone]`, `education[0][from]` …):
 * every field a trimmed string, missing ones empty, unknown ones dropped.
 */
export function parseProfileInput(body: unknown): ProfileInput {
  const root = record(body);
  const contact = record(root.contact);
  const employment = record(root.employment);
  return {
    contact: {
      phone: text(contact.phone),
      email: text(contact.email),
      address: text(contact.address),
      postcode: text(contact.postcode),
    },
    employment: {
      employer: institution(employment.employer),
      department: text(employment.department),
      position: text(employment.position),
      title: text(employment.title),
      startMonth: text(employment.startMonth),
    },
    education: rows(root.education).map((row) => ({
      id: entryId(row.id),
      school: institution(row.school),
      major: text(row.major),
      level: text(row.level),
      degree: text(row.degree),
      studyForm: text(row.studyForm),
      from: text(row.from),
      to: text(row.to),
    })),
    training: rows(root.training).map((row) => ({
      id: entryId(row.id),
      kind: text(row.kind),
      institution: text(row.institution),
      from: text(row.from),
      to: text(row.to),
    })),
    certificates: rows(root.certificates).map((row) => ({
      id: entryId(row.id),
      kind: text(row.kind),
      number: text(row.number),
      issuedOn: text(row.issuedOn),
      issuer: text(row.issuer),
    })),
  };
}
