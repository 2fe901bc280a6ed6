import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import { ENROLLMENT_EVENT_TYPES, type EnrollmentEvent } from '../../src/enrollment/enrollment.events';
import {
  evolveEnrollment,
  initialEnrollmentState,
  nextStep,
  type EnrollmentState,
  type EnrollmentStatus,
} from '../../src/enrollment/enrollment.state';
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
  idNumberMasked: string;
  gender: string;
  categoryCode: string;
  categoryName: string;
  areaCode: string;
  areaName: string;
  siteCode: string;
  siteName: string;
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
};

/** `enrollment-<session>_<candidateId>` → its two parts (session codes hold no underscore). */
export function parseEnrollmentStream(streamId: string): { sessionCode: string; candidateId: string } {
  const id = streamId.slice('enrollment-'.length);
  const split = id.indexOf('_');
  return { sessionCode: id.slice(0, split), candidateId: id.slice(split + 1) };
}

function blankRow(enrollmentId: string, sessionCode: string, candidateId: string): EnrollmentRow {
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

/** The row after one more event: the decider's own evolve, plus the times the event carries. */
export function nextRow(row: EnrollmentRow, event: EnrollmentEvent, at: string): EnrollmentRow {
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
  if (event.type === 'EnrollmentSubmitted') times.submittedAt = at;
  if (event.type === 'EnrollmentWithdrawn') times.withdrawnAt = at;
  if (event.type === 'EnrollmentApproved' || event.type === 'EnrollmentRejected')
    Object.assign(times, { decidedAt: at, decidedBy: event.data.staffId, decisionReason: event.data.reason });
  if (event.type === 'ExamSiteChanged') Object.assign(times, { decidedAt: '', decidedBy: '', decisionReason: '' });
  return {
    ...row,
    ...times,
    attempt: state.attempt,
    status: state.status,
    step: nextStep(state),
    candidateName: state.basicInfo?.fullName ?? row.candidateName,
    idNumberMasked: state.basicInfo?.idNumberMasked ?? row.idNumberMasked,
    gender: state.basicInfo?.gender ?? row.gender,
    categoryCode: state.category?.code ?? '',
    categoryName: state.category?.name ?? '',
    areaCode: state.site?.areaCode ?? '',
    areaName: state.site?.areaName ?? '',
    siteCode: state.site?.siteCode ?? '',
    siteName: state.site?.siteName ?? '',
    ticketNumber: state.ticket?.ticketNumber ?? '',
    room: state.ticket?.room ?? null,
    seat: state.ticket?.seat ?? null,
    state,
  };
}

export const enrollmentTableProjection: ProjectionDefinition = {
  name: 'enrollment-table',
  collections: [
    {
      name: ENROLLMENT_TABLE_COLLECTION,
      indexes: [
        {
          fields: [
            ['sessionCode', 1],
            ['status', 1],
            ['submittedAt', 1],
          ],
        },
        {
          fields: [
            ['sessionCode', 1],
            ['siteCode', 1],
            ['status', 1],
          ],
        },
        {
          fields: [
            ['sessionCode', 1],
            ['areaCode', 1],
            ['status', 1],
          ],
        },
        { fields: [['candidateId', 1]] },
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
        ),
    );
  },
};
