import type { CandidateRegistered } from '../../src/accounts/accounts.events';
import { maskIdNumber } from '../../src/accounts/security/identity-key';
import type { IdentityEvent } from '../../src/accounts/identity/identity.events';
import { assertNever } from '../../src/shared/decider';
import type { ProjectionDefinition } from '../../src/infrastructure/projections/projection';
import type { ReadCollection } from '../../src/infrastructure/read-store/read-store.port';
import type { RecordedEvent } from '../../src/shared/messages';
import type { IdentityCaseDecision } from '../../src/staff/identity-cases/identity-case.events';

export const IDENTITY_CASES_PROJECTION = 'identity-cases';
export const IDENTITY_CASES_COLLECTION = 'identityCases';

export type CaseStatus = 'quiet' | 'open' | 'resolved';

/** One identity document (its stream) as staff see it in the queue. No ID number is stored. */
export interface IdentityCaseDocument extends Record<string, unknown> {
  identityStream: string;
  idType: string | null;
  /**
   * The exam area (province) of the case: the first two digits of the holder's 居民身份证 number
   * (GB/T 2260 province code, as exam areas are coded). Other document types have none; their
   * cases are visible to every staff member.
   */
  areaCode: string | null;
  /**
   * The number masked as pages show it (110105********002X), from the registration; staff compare
   * it with the document of the person at the desk. Rows projected before it was kept have none
   * until their next registration or `npm run projections:rebuild -- identity-cases`.
   */
  idNumberMasked?: string | null;
  holderCandidateId: string | null;
  holderUsername: string | null;
  /** The holding account's registered name, and the name typed in the latest attempt. */
  holderRealName?: string | null;
  lastAttemptRealName?: string | null;
  attempts: number;
  openAttempts: number;
  lastAttemptAt: string | null;
  /** Revision of the stream's last event applied, for the page's optimistic concurrency. */
  revision: string;
  status: CaseStatus;
  lastDecision: { type: string; staffUsername: string; reason: string; at: string } | null;
}

type CaseEvent = IdentityEvent | IdentityCaseDecision;

export const IDENTITY_CASE_PROJECTED_TYPES = [
  'CandidateRegistered',
  'IdentityClaimed',
  'IdentityClaimReleased',
  'IdentityClaimExpired',
  'DuplicateRegistrationAttempted',
  'IdentityReassigned',
  'RegistrationCodeReissued',
  'IdentityHolderSuspended',
  'IdentityCaseDismissed',
] as const;

const empty = (identityStream: string): IdentityCaseDocument => ({
  identityStream,
  idType: null,
  areaCode: null,
  idNumberMasked: null,
  holderCandidateId: null,
  holderUsername: null,
  holderRealName: null,
  lastAttemptRealName: null,
  attempts: 0,
  openAttempts: 0,
  lastAttemptAt: null,
  revision: '-1',
  status: 'quiet',
  lastDecision: null,
});

const NO_HOLDER = { holderCandidateId: null, holderUsername: null, holderRealName: null };

/** Pure: the document after one identity-stream event (the projection's apply logic). */
export function applyCaseEvent(doc: IdentityCaseDocument, event: RecordedEvent): IdentityCaseDocument {
  const next = { ...doc, revision: event.revision.toString() };
  const typed = event as unknown as CaseEvent;
  switch (typed.type) {
    case 'IdentityClaimed':
      return {
        ...next,
        holderCandidateId: typed.data.candidateId,
        holderUsername: typed.data.username,
        holderRealName: typed.data.realName,
      };
    case 'IdentityClaimConfirmed':
      return next;
    case 'IdentityClaimReleased':
    case 'IdentityClaimExpired':
      return { ...next, ...NO_HOLDER };
    case 'DuplicateRegistrationAttempted':
      return {
        ...next,
        attempts: doc.attempts + 1,
        openAttempts: doc.openAttempts + 1,
        lastAttemptAt: typed.data.attemptedAt,
        lastAttemptRealName: typed.data.realNameTyped,
        status: 'open',
      };
    case 'IdentityReassigned':
    case 'IdentityCaseDismissed': {
      const freed = typed.type === 'IdentityReassigned' && typed.data.mode === 'registerAnew';
      return {
        ...next,
        openAttempts: 0,
        status: 'resolved',
        ...(freed ? NO_HOLDER : {}),
        lastDecision: decisionOf(typed.type, typed.data),
      };
    }
    case 'IdentityHolderSuspended':
      return { ...next, lastDecision: decisionOf(typed.type, typed.data) };
    case 'RegistrationCodeReissued':
    case 'RegistrationCodeRefused':
      // The freeing stays the case's decision; its codes change nothing in the queue.
      return next;
    default:
      return assertNever(typed);
  }
}

function decisionOf(type: string, data: { staff: { username: string }; reason: string; decidedAt: string }) {
  return { type, staffUsername: data.staff.username, reason: data.reason, at: data.decidedAt };
}

async function update(
  collection: ReadCollection<IdentityCaseDocument>,
  id: string,
  event: RecordedEvent,
  change: (doc: IdentityCaseDocument) => IdentityCaseDocument,
): Promise<void> {
  const stored = await collection.get(id);
  if (stored && stored.position >= event.position) return;
  await collection.put(id, change(stored?.doc ?? empty(id)), event.position);
}

/** The staff queue of contested identities: identities with duplicate registration attempts. */
export const identityCasesProjection: ProjectionDefinition = {
  name: IDENTITY_CASES_PROJECTION,
  collections: [
    {
      name: IDENTITY_CASES_COLLECTION,
      indexes: [
        {
          fields: [
            ['status', 1],
            ['lastAttemptAt', -1],
          ],
        },
        {
          fields: [
            ['areaCode', 1],
            ['lastAttemptAt', -1],
          ],
        },
        // The recovery of case follow-ups reads the decisions of the last day (one row per candidate).
        { fields: [['lastDecision.at', 1]] },
      ],
    },
  ],
  eventTypes: IDENTITY_CASE_PROJECTED_TYPES,
  async apply(event, store) {
    const collection = store.collection<IdentityCaseDocument>(IDENTITY_CASES_COLLECTION);
    if (event.type === 'CandidateRegistered') {
      const data = event.data as CandidateRegistered['data'];
      const areaCode = data.idType === 'resident' ? data.idNumber.slice(0, 2) : null;
      const idNumberMasked = maskIdNumber(data.idNumber);
      return update(collection, data.identityStream, event, (doc) => ({
        ...doc,
        idType: data.idType,
        areaCode,
        idNumberMasked,
      }));
    }
    if (!event.streamId.startsWith('identity-')) return;
    return update(collection, event.streamId, event, (doc) => applyCaseEvent(doc, event));
  },
};
