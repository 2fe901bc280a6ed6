import type { CandidateRegistered } from '../../src/accounts/accounts.events';
import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import type { CandidateStreamEvent } from '../../src/profile/profile.decider';
import { evolveProfile } from '../../src/profile/profile.decider';
import { CANDIDATE_STREAM_EVENT_TYPES } from '../../src/profile/profile.events';
import { ACCOUNT_DECISION_EVENT_TYPES } from '../../src/staff/account-decisions/account-decision.events';
import { updateGuarded } from '../site-occupancy/guarded-update';
import {
  CANDIDATE_VIEW_COLLECTION,
  CANDIDATE_VIEW_PROJECTION,
  type CandidateView,
  maskIdNumber,
  maskPhone,
} from './candidate-view.types';

const STREAM_PREFIX = 'candidate-';

function registeredView(data: CandidateRegistered['data'], candidateId: string): CandidateView {
  return {
    candidateId,
    username: data.username,
    realName: data.realName,
    gender: data.gender,
    birthDate: data.birthDate,
    idType: data.idType,
    idNumber: data.idNumber,
    idNumberMasked: maskIdNumber(data.idNumber),
    nationality: data.nationality,
    mobile: data.mobile,
    mobileMasked: maskPhone(data.mobile),
    email: data.email,
    registeredAt: data.registeredAt,
    contact: null,
    employment: null,
    education: [],
    training: [],
    certificates: [],
    photo: null,
    revision: '0',
    updatedAt: data.registeredAt,
  };
}

/** Folds a profile event into the document with the decider's own evolve: both tell the same story. */
function applyToView(doc: CandidateView, event: CandidateStreamEvent): CandidateView {
  const state = evolveProfile({ ...doc, registered: true }, event);
  const { contact, employment, education, training, certificates, photo } = state;
  return { ...doc, contact, employment, education, training, certificates, photo };
}

/** The candidate view read model (see candidate-view.types.ts). Events of other streams are ignored. */
export const candidateViewProjection: ProjectionDefinition = {
  name: CANDIDATE_VIEW_PROJECTION,
  collections: [{ name: CANDIDATE_VIEW_COLLECTION, indexes: [{ fields: [['username', 1]] }] }],
  // Every type the candidate stream holds, staff's account decisions included: the view's revision
  // is the ETag a save is pinned to, so it must follow the stream even where the view does not change.
  eventTypes: [...CANDIDATE_STREAM_EVENT_TYPES, ...ACCOUNT_DECISION_EVENT_TYPES],
  async apply(event, store) {
    if (!event.streamId.startsWith(STREAM_PREFIX)) return;
    const candidateId = event.streamId.slice(STREAM_PREFIX.length);
    const candidateEvent = event as unknown as CandidateStreamEvent;
    await updateGuarded(
      store.collection<CandidateView>(CANDIDATE_VIEW_COLLECTION),
      candidateId,
      event.position,
      (doc) => {
        const base =
          candidateEvent.type === 'CandidateRegistered' ? registeredView(candidateEvent.data, candidateId) : doc;
        if (!base) return null; // a profile event before registration cannot happen; nothing to show
        const next =
          candidateEvent.type === 'CandidateRegistered' || !CANDIDATE_STREAM_EVENT_TYPES.includes(event.type)
            ? base
            : applyToView(base, candidateEvent);
        return { ...next, revision: event.revision.toString(), updatedAt: event.metadata.occurredAt };
      },
    );
  },
};
