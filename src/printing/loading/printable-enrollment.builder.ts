import type { CatalogState } from '../../catalog/catalog.state';
import { educationAttainment } from '../../enrollment/education-attainment';
import type { EnrollmentEvent, SiteChoice } from '../../enrollment/enrollment.events';
import {
  type EnrollmentState,
  evolveEnrollment,
  filedSiteCodeOf,
  initialEnrollmentState,
} from '../../enrollment/enrollment.state';
import { parseEnrollmentId } from '../../enrollment/enrollment-ids';
import { STATUS_LABELS } from '../../enrollment/enrollment-status-labels';
import type { RecordedEvent } from '../../shared/messages';
import { CANDIDATE_RULES } from '../documents/candidate-rules';
import type { AdmissionTicketModel, ExamSitting, RegistrationFormModel } from '../documents/document-models';
import type { PrintableEnrollment } from '../documents/enrollment-documents.port';
import { visibleStrings } from '../../shared/visible-text';

/**
 * The written exam's two units on each exam day (Beijing time), as the national schedule has them;
 * the catalog records the days only.
 */
const EXAM_DAY_UNITS = [
  { unit: '上午', from: '09:00', to: '11:30' },
  { unit: '下午', from: '14:00', to: '16:30' },
];
const DAY_MS = 24 * 60 * 60 * 1000;

/** When things happened, from the events' metadata: the paper shows them and tokens are issued at them. */
interface Moments {
  pledgeAcceptedAt?: string;
  submittedAt?: string;
  ticketIssuedAt?: string;
  lastChangeAt?: string;
}

/** A 证件照 to print: its content hash and its bytes as a data: URL. */
export interface PrintedPhoto {
  sha256: string;
  dataUrl: string;
}

/**
 * Which 证件照 the documents show: the one recorded by the (latest) submission, null when it was
 * submitted without one; undefined when none is recorded (a draft, or a submission written before
 * submissions recorded the photo), and then the profile's current photo is printed.
 */
export function submittedPhotoOf(events: Array<RecordedEvent<EnrollmentEvent>>): string | null | undefined {
  const state = events.reduce(
    (folded, event) => evolveEnrollment(folded, { type: event.type, data: event.data } as EnrollmentEvent),
    initialEnrollmentState(),
  );
  return state.submittedPhotoSha256;
}

/**
 * Folds an enrollment stream (the enrollment slice's own evolve) and the session's catalog into
 * what printing needs. The enrollment keeps snapshots of what the candidate confirmed at each step,
 * so the form shows what was submitted even if the profile changed since.
 */
export function buildPrintableEnrollment(
  enrollmentId: string,
  events: Array<RecordedEvent<EnrollmentEvent>>,
  catalog: CatalogState,
  /** The 证件照 to print (see submittedPhotoOf); the paper shows a box to glue one without it. */
  photo?: PrintedPhoto,
): PrintableEnrollment | undefined {
  let state = initialEnrollmentState();
  const moments: Moments = {};
  for (const event of events) {
    state = evolveEnrollment(state, { type: event.type, data: event.data } as EnrollmentEvent);
    const at = event.metadata.occurredAt;
    // The ticket is not on the form: issuing it must not make printed forms look outdated.
    if (event.type === 'AdmissionTicketIssued') moments.ticketIssuedAt = at;
    else moments.lastChangeAt = at;
    // A new start (after a withdrawal) is a new form: the earlier attempt's submission is not its.
    if (event.type === 'EnrollmentStarted') {
      moments.pledgeAcceptedAt = at;
      delete moments.submittedAt;
    }
    if (event.type === 'EnrollmentSubmitted') moments.submittedAt = at;
  }
  const session = catalog.session;
  if (state.status === 'none' || !session || !state.category || !state.basicInfo || !state.site) return undefined;
  const { candidateId } = parseEnrollmentId(enrollmentId);
  const lastExamDay = [...session.windows.examDates].sort().at(-1);
  const validUntil = (days: number) =>
    new Date(
      (lastExamDay ? Date.parse(`${lastExamDay}T23:59:59+08:00`) : Date.parse(moments.lastChangeAt as string)) +
        days * DAY_MS,
    ).toISOString();
  const info = state.basicInfo;
  const filed = filedSiteOf(state, state.site, catalog);
  const area = { code: filed.areaCode, name: filed.areaName };
  const form: RegistrationFormModel = {
    kind: 'registration-form',
    enrollmentId,
    session: { code: session.sessionCode, name: session.name },
    candidate: {
      name: info.fullName,
      gender: info.gender,
      birthDate: info.birthDate,
      idType: info.idType,
      idNumberMasked: info.idNumberMasked,
      photoDataUrl: photo?.dataUrl,
      photoSha256: photo?.sha256,
    },
    contact: { phone: info.phoneMasked, email: info.email, address: info.address, postcode: info.postcode },
    employment: state.employment
      ? {
          status: state.employment.status,
          employer: state.employment.employer,
          department: state.employment.department,
          position: state.employment.position,
          since: state.employment.since,
        }
      : {},
    education: (state.qualifications?.education ?? []).map((entry) => ({
      school: entry.school,
      major: entry.major,
      degree: educationAttainment(entry),
      from: entry.from,
      to: entry.to,
    })),
    training: (state.qualifications?.training ?? []).map(({ kind, institution, from, to }) => ({
      kind,
      institution,
      from,
      to,
    })),
    certificates: (state.certificates ?? []).map(({ name, number, issuedAt }) => ({
      name,
      number: number ?? '',
      issuedOn: issuedAt,
    })),
    category: { code: state.category.code, name: state.category.name },
    area,
    site: { code: filed.siteCode, name: filed.siteName },
    pledge: { version: state.pledgeVersion ?? '', acceptedAt: moments.pledgeAcceptedAt as string },
    status: { code: state.status, label: STATUS_LABELS[state.status] },
    submittedAt: moments.submittedAt,
    asOf: moments.lastChangeAt as string,
    validUntil: validUntil(180),
  };
  const ticketSite = state.ticket ? catalog.sites[state.ticket.siteCode] : undefined;
  const ticket: AdmissionTicketModel | undefined =
    state.ticket && ticketSite
      ? {
          kind: 'admission-ticket',
          enrollmentId,
          session: form.session,
          candidate: form.candidate,
          ticketNumber: state.ticket.ticketNumber,
          category: form.category,
          area: { code: ticketSite.areaCode, name: catalog.areas[ticketSite.areaCode]?.name ?? area.name },
          site: { code: ticketSite.code, name: ticketSite.name, address: ticketSite.address },
          room: String(state.ticket.room).padStart(3, '0'),
          seat: String(state.ticket.seat).padStart(2, '0'),
          sittings: sittingsOf(session.windows.examDates),
          rules: [...CANDIDATE_RULES],
          issuedAt: moments.ticketIssuedAt as string,
          validUntil: validUntil(30),
        }
      : undefined;
  return {
    enrollmentId,
    candidateId,
    areaCode: filed.areaCode,
    siteCode: filed.siteCode,
    withdrawn: state.status === 'withdrawn',
    // Copies made before the profile dropped characters that do not show (U+202E would print backwards).
    form: visibleStrings(form),
    ticket: ticket && visibleStrings(ticket),
    ticketPrintWindow: {
      opensAt: session.windows.ticketPrintingOpensAt,
      closesAt: session.windows.ticketPrintingClosesAt,
    },
  };
}

/**
 * The site where the enrollment is filed, as staff find it (visibleToStaff, filedSiteCodeOf): the
 * site of the seat it holds or, withdrawn, gave back; else the step-6 choice. A rejected
 * candidate's other choice counts once resubmitted.
 */
function filedSiteOf(state: EnrollmentState, chosen: SiteChoice, catalog: CatalogState): SiteChoice {
  const siteCode = filedSiteCodeOf(state) ?? chosen.siteCode;
  // The site as the candidate chose it; a seat held elsewhere is named by the catalog.
  if (siteCode === chosen.siteCode) return chosen;
  const site = catalog.sites[siteCode];
  const areaCode = site?.areaCode ?? '';
  return { areaCode, areaName: catalog.areas[areaCode]?.name ?? '', siteCode, siteName: site?.name ?? siteCode };
}

function sittingsOf(examDates: string[]): ExamSitting[] {
  return [...examDates].sort().flatMap((day) =>
    EXAM_DAY_UNITS.map(({ unit, from, to }) => ({
      subject: `${day.slice(5, 7)}月${day.slice(8, 10)}日${unit}`,
      startsAt: new Date(`${day}T${from}:00+08:00`).toISOString(),
      endsAt: new Date(`${day}T${to}:00+08:00`).toISOString(),
    })),
  );
}
