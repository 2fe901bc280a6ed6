import { Inject, Injectable } from '@nestjs/common';
import {
  candidateStream,
  loginAttemptsStream,
  recoveryAttemptsStream,
  usernameStream,
} from '../../accounts/accounts.streams';
import type { CandidateRegistered } from '../../accounts/accounts.events';
import { identityStreamFor } from '../../accounts/security/identity-key';
import { ID_TYPES, type IdType } from '../../accounts/validation/id-number.rules';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { NotFoundError } from '../../shared/errors';
import { auditAccessStream } from '../access/audit-access.events';
import { CANDIDATE_STREAMS_COLLECTION, type CandidateStreamsDocument } from './candidate-streams.projection';

/** Every stream that concerns a candidate; events of `shared` streams are filtered by enrollment. */
export interface CandidateStreams {
  candidateId: string;
  username: string;
  identityStream: string;
  own: string[];
  shared: string[];
  enrollmentIds: string[];
  /** The auditors' look-ups of this candidate (auditAccess-<id>), read only for auditors. */
  auditAccess: string;
}

export class CandidateNotFoundError extends NotFoundError {
  constructor() {
    super('CANDIDATE_NOT_FOUND', '未找到该考生（请输入用户名、考生编号或证件号码）');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Finds a candidate by username, candidate id or ID number (→ keyed hash → identity stream) and
 * names the streams of their history: derived from the registration, plus the audit index.
 */
@Injectable()
export class CandidateLocator {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async resolve(reference: string): Promise<string> {
    const ref = reference.trim();
    if (!ref) throw new CandidateNotFoundError();
    if (UUID.test(ref) && (await this.registration(ref))) return ref;
    const byUsername = await this.lastCandidateIdIn(usernameStream(ref));
    if (byUsername) return byUsername;
    for (const idType of Object.keys(ID_TYPES) as IdType[]) {
      const holder = await this.lastCandidateIdIn(identityStreamFor(this.config.secrets.identityKey, idType, ref));
      if (holder) return holder;
    }
    throw new CandidateNotFoundError();
  }

  async streams(candidateId: string): Promise<CandidateStreams> {
    const registered = await this.registration(candidateId);
    if (!registered) throw new CandidateNotFoundError();
    const index = await (
      await this.readStore.collection<CandidateStreamsDocument>(CANDIDATE_STREAMS_COLLECTION)
    ).get(candidateId);
    const enrollmentStreams = index?.doc.enrollmentStreams ?? [];
    return {
      candidateId,
      username: registered.username,
      identityStream: registered.identityStream,
      own: [
        candidateStream(candidateId),
        usernameStream(registered.username),
        registered.identityStream,
        loginAttemptsStream(candidateId),
        recoveryAttemptsStream(registered.identityStream.slice('identity-'.length)),
        ...enrollmentStreams,
      ],
      shared: index?.doc.siteStreams ?? [],
      enrollmentIds: enrollmentStreams.map((stream) => stream.slice('enrollment-'.length)),
      auditAccess: auditAccessStream(candidateId),
    };
  }

  private async registration(candidateId: string): Promise<CandidateRegistered['data'] | null> {
    const [first] = await this.store.readStream(candidateStream(candidateId), { maxCount: 1 });
    return first?.type === 'CandidateRegistered' ? (first.data as CandidateRegistered['data']) : null;
  }

  /** The candidate who last claimed a username or identity (after a reassignment: the new holder). */
  private async lastCandidateIdIn(stream: string): Promise<string | null> {
    let found: string | null = null;
    for (const event of await this.store.readStream(stream)) {
      const candidateId = (event.data as { candidateId?: unknown }).candidateId;
      if ((event.type === 'UsernameReserved' || event.type === 'IdentityClaimed') && typeof candidateId === 'string')
        found = candidateId;
    }
    return found;
  }
}
