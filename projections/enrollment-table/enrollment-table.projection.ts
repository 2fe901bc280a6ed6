import { nameSortKey } from '../../src/shared/name-sort-key';
import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import type { IndexSpec } from '../../src/infrastructure/read-store/read-store.port';
import { ENROLLMENT_EVENT_TYPES, type EnrollmentEvent, type SiteChoice } from '../../src/enrollment/enrollment.events';
import {
  evolveEnrollment,
  initialEnrollmentState,
  nextStep,
  pendingSiteChoice,
  type EnrollmentState,
  type EnrollmentStatus,
} from '../../src/enrollment/enrollment.state';
import { currentTicket } from '../../src/enrollment/enrollment-view';
import { updateGuarded } from '../site-occupancy/guarded-update';

export const ENROLLMENT_TABLE_COLLECTION = 'enrollment-table';

/** One row per enrollment (candidate × session): what staff filter, sort, page and export. */
export type EnrollmentRow = {
  enrollmentId: string;
  sessionCode: string;
  candidateId: string;
  attempt: number;
  status: EnrollmentStatus;
  /** Where the candidate resumes (1–6; 7 when every step is done). */
  step: number;
  candidateName: string;
  /** The name's pinyin (nameSortKey): sorting by 姓名 sorts by it. Absent on rows not changed since it was added. */
  candidateNameKey?: string;
  idNumberMasked: string;
  gender: string;
  categoryCode: string;
  categoryName: string;
  /**
   * Where the row is filed: the site whose seat the enrollment holds (its staff review it), else
   * the site chosen in step 6. They differ only for a rejected candidate who chose another site and
   * has not resubmitted: `pendingSite*` name that choice until the resubmission moves the seat.
   */
  areaCode: string;
  areaName: string;
  siteCode: string;
  siteName: string;
  pendingSiteCode: string;
  pendingAreaName: string;
  pendingSiteName: string;
  /** The site of the seat as the last submission or change of site named it (absent in older rows). */
  seatSite?: SiteChoice | null;
  startedAt: string;
  submittedAt: string;
  updatedAt: string;
  withdrawnAt: string;
  decidedAt: string;
  decidedBy: string;
  decisionReason: string;
  ticketNumber: string;
  room: number | null;
  seat: number | null;
  /** The folded enrollment, for the candidate's own pages. */
  state: EnrollmentState;
  /**
   * The enrollment stream's revision this row shows (absent in rows older than it): a staff
   * decision made from the row is pinned to it, so it cannot land on a later submission unseen.
   */
  revision?: number;
};

/** `enrollment-<session>_<candidateId>` → its two parts (session codes hold no underscore). */
export function parseEnrollmentStream(streamId: string): { sessionCode: string; candidateId: string } {
  const id = streamId.slice('enrollment-'.length);
  const split = id.indexOf('_');
  return { sessionCode: id.slice(0, split), candidateId: id.slice(split + 1) };
}

/** A row before its first event (exported for bench:seat-check, which writes rows directly). */
export function blankRow(enrollmentId: string, sessionCode: string, candidateId: string): EnrollmentRow {
  return {
    enrollmentId,
    sessionCode,
    candidateId,
    attempt: 0,
    status: 'none',
    step: 1,
    candidateName: '',
    idNumberMasked: '',
    gender: '',
    categoryCode: '',
    categoryName: '',
    areaCode: '',
    areaName: '',
    siteCode: '',
    siteName: '',
    pendingSiteCode: '',
    pendingAreaName: '',
    pendingSiteName: '',
    seatSite: null,
    startedAt: '',
    submittedAt: '',
    updatedAt: '',
    withdrawnAt: '',
    decidedAt: '',
    decidedBy: '',
    decisionReason: '',
    ticketNumber: '',
    room: null,
    seat: null,
    state: initialEnrollmentState(),
  };
}

/** The row after one more event (at `revision`): the decider's own evolve, plus the times the event carries. */
export function nextRow(row: EnrollmentRow, event: EnrollmentEvent, at: string, revision?: number): EnrollmentRow {
  const state = evolveEnrollment(row.state, event);
  const times: Partial<EnrollmentRow> = { updatedAt: at };
  if (event.type === 'EnrollmentStarted')
    Object.assign(times, {
      startedAt: at,
      submittedAt: '',
      withdrawnAt: '',
      decidedAt: '',
      decidedBy: '',
      decisionReason: '',
    });
  // A submission (again, after a rejection) awaits a new decision: the earlier one is history.
  if (event.type === 'EnrollmentSubmitted')
    Object.assign(times, { submittedAt: at, decidedAt: '', decidedBy: '', decisionReason: '' });
  // Withdrawal voids the decision (and the ticket, below): the row shows neither as current.
  if (event.type === 'EnrollmentWithdrawn')
    Object.assign(times, { withdrawnAt: at, decidedAt: '', decidedBy: '', decisionReason: '' });
  if (event.type === 'EnrollmentApproved' || event.type === 'EnrollmentRejected')
    Object.assign(times, { decidedAt: at, decidedBy: event.data.staffId, decisionReason: event.data.reason });
  if (event.type === 'ExamSiteChanged') Object.assign(times, { decidedAt: '', decidedBy: '', decisionReason: '' });
  const seatSite = seatSiteAfter(row, event, state);
  // Withdrawn, the row stays with the site whose seat it gave back (a new start files it afresh).
  const filed = state.status === 'withdrawn' ? filedSiteOf(row) : (seatSite ?? state.site);
  const pending = seatSite ? pendingSiteChoice(state) : null;
  const ticket = currentTicket(state);
  return {
    ...row,
    ...times,
    attempt: state.attempt,
    status: state.status,
    step: nextStep(state),
    candidateName: state.basicInfo?.fullName ?? row.candidateName,
    candidateNameKey: nameKeyOf(state.basicInfo?.fullName ?? row.candidateName, row),
    idNumberMasked: state.basicInfo?.idNumberMasked ?? row.idNumberMasked,
    gender: state.basicInfo?.gender ?? row.gender,
    categoryCode: state.category?.code ?? '',
    categoryName: state.category?.name ?? '',
    areaCode: filed?.areaCode ?? '',
    areaName: filed?.areaName ?? '',
    siteCode: filed?.siteCode ?? '',
    siteName: filed?.siteName ?? '',
    pendingSiteCode: pending?.siteCode ?? '',
    pendingAreaName: pending?.areaName ?? '',
    pendingSiteName: pending?.siteName ?? '',
    seatSite,
    ticketNumber: ticket?.ticketNumber ?? '',
    room: ticket?.room ?? null,
    seat: ticket?.seat ?? null,
    state,
    ...(revision === undefined ? {} : { revision }),
  };
}

/** The seat's site after the event: named by 提交 and 修改考点, kept while the seat is held. */
function seatSiteAfter(row: EnrollmentRow, event: EnrollmentEvent, state: EnrollmentState): SiteChoice | null {
  if (!state.seatSiteCode) return null;
  if (event.type === 'EnrollmentSubmitted' || event.type === 'ExamSiteChanged') {
    const { areaCode, areaName, siteCode, siteName } = event.data;
    return { areaCode, areaName, siteCode, siteName };
  }
  if (row.seatSite?.siteCode === state.seatSiteCode) return row.seatSite;
  // A row written before seatSite was recorded: filed at the seat unless a new choice is pending.
  if (row.seatSite === undefined && row.siteCode === state.seatSiteCode) return filedSiteOf(row);
  return null;
}

function filedSiteOf(row: EnrollmentRow): SiteChoice | null {
  const { areaCode, areaName, siteCode, siteName } = row;
  return siteCode ? { areaCode, areaName, siteCode, siteName } : null;
}

/** The name's sort key, computed again only when the name changed (pinyin costs a little per event). */
function nameKeyOf(name: string, row: EnrollmentRow): string {
  return row.candidateNameKey && row.candidateName === name ? row.candidateNameKey : nameSortKey(name);
}

/** An index of a session's rows (by the fields given) in the order of their submission. */
function bySubmission(...fields: string[]): IndexSpec['fields'] {
  return [['sessionCode', 1], ...fields.map((field): [string, 1] => [field, 1]), ['submittedAt', 1]];
}

/**
 * 资格审核's table by 考点 within an area (an area's staff), equal sites in submission order
 * (sortOf): without it a page walked every other area's rows first when the area's code sorts
 * last (1.1–1.4 s over 200,000 rows, 4 areas). 状态 and an admin's 考点 are served by the indexes
 * above. 姓名, 报考类别 and 准考证号 are left to sort (0.3–2 s a page at that scale): each index
 * costs every row write, and an index by 姓名 as well cost the candidates' steps about a tenth of
 * their rate at peak (`npm run bench:staff-table`, `npm run bench:enroll`).
 */
export const STAFF_SORT_INDEXES: IndexSpec[] = [{ fields: bySubmission('areaCode', 'siteCode') }];

export const enrollmentTableProjection: ProjectionDefinition = {
  name: 'enrollment-table',
  collections: [
    {
      name: ENROLLMENT_TABLE_COLLECTION,
      // Every read of a scope in submission order (the table's default, CSV, tickets, 座位核对), with
      // or without a status, goes on from the last row read on one of these instead of sorting the
      // scope again; the rows changed during a read are read again by the time of their change.
      indexes: [
        { fields: bySubmission('status') },
        { fields: bySubmission('siteCode', 'status') },
        { fields: bySubmission('areaCode', 'status') },
        { fields: bySubmission() },
        { fields: bySubmission('areaCode') },
        { fields: bySubmission('siteCode') },
        {
          // With the id: a keyset read of rows sharing one updatedAt (a batch's) continues on the index.
          fields: [
            ['sessionCode', 1],
            ['updatedAt', 1],
            ['enrollmentId', 1],
          ],
        },
        { fields: [['candidateId', 1]] },
        ...STAFF_SORT_INDEXES,
      ],
    },
  ],
  eventTypes: ENROLLMENT_EVENT_TYPES,
  async apply(event, store) {
    const { sessionCode, candidateId } = parseEnrollmentStream(event.streamId);
    const enrollmentId = `${sessionCode}_${candidateId}`;
    await updateGuarded(
      store.collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION),
      enrollmentId,
      event.position,
      (row) =>
        nextRow(
          row ?? blankRow(enrollmentId, sessionCode, candidateId),
          event as unknown as EnrollmentEvent,
          event.metadata.occurredAt,
          Number(event.revision),
        ),
    );
  },
};
