import { Inject, Injectable } from '@nestjs/common';
import {
  IDENTITY_CASES_COLLECTION,
  type IdentityCaseDocument,
} from '../../../projections/identity-cases/identity-cases.projection';
import { accountDecider } from '../../accounts/accounts.decider';
import type { AccountEvent, CandidateRegistered } from '../../accounts/accounts.events';
import { candidateStream } from '../../accounts/accounts.streams';
import { maskIdNumber } from '../../accounts/security/identity-key';
import { CandidateHistoryService } from '../../audit/history/candidate-history.service';
import type { HistoryEntry } from '../../audit/history/history-entry';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../infrastructure/read-store/read-store.port';
import { fold } from '../../shared/decider';
import { NotFoundError } from '../../shared/errors';
import { streamCategory } from '../../shared/ids';
import { accountDecisionDecider } from '../account-decisions/account-decision.decider';
import type { IdentityEvent } from '../../accounts/identity/identity.events';
import { caseLog } from './case-log';
import { registrationCodeStatus, type RegistrationCodeStatus } from './registration-code-status';
import { identityCaseDecider, type IdentityCaseEvent, type IdentityCaseState } from './identity-case.decider';

export interface CaseQueueQuery {
  areaCode?: string;
  /**
   * The area of a staff member scoped to one (or to a site in it): they see its cases and those with
   * no area (documents other than the 居民身份证), never another area's.
   */
  staffArea?: string | null;
  status?: 'open' | 'resolved' | 'all';
  page?: number;
  pageSize?: number;
}

export interface CaseView {
  identityStream: string;
  /** The stream's last revision: decisions are appended only if it is still this one. */
  revision: string;
  state: IdentityCaseState;
  areaCode: string | null;
  /**
   * The identity stream's whole log — claim, every attempt (time, IP, name and username typed),
   * decisions — and the hand-over codes issued again, from the holder's account.
   */
  log: HistoryEntry[];
  /** The hand-over that stands had its code redeemed: no code is issued for it again. */
  handOverCompleted: boolean;
  /** The freed identity's 注册码 while it waits for its person: valid, expired or voided by wrong tries. */
  registrationCode: RegistrationCodeStatus | null;
  /** A hand-over stands whose code was never issued (the deciding request died first): staff issue it. */
  handOverCodeMissing: boolean;
  holder: {
    candidateId: string;
    username: string;
    realName: string;
    idNumberMasked: string;
    registeredAt: string;
    suspended: boolean;
    history: HistoryEntry[];
  } | null;
}

export class CaseNotFoundError extends NotFoundError {
  constructor() {
    super('CASE_NOT_FOUND', '未找到该证件的记录');
  }
}

/** The queue (read model) and one case (read from the streams themselves, never stale). */
@Injectable()
export class IdentityCaseQueries {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly history: CandidateHistoryService,
  ) {}

  async queue(
    query: CaseQueueQuery,
  ): Promise<{ total: number; page: number; pageSize: number; cases: IdentityCaseDocument[] }> {
    const collection = await this.readStore.collection<IdentityCaseDocument>(IDENTITY_CASES_COLLECTION);
    const status = query.status ?? 'open';
    const filter: Record<string, unknown> = status === 'all' ? { attempts: { $gt: 0 } } : { status };
    if (query.staffArea && query.areaCode && query.areaCode !== query.staffArea)
      return { total: 0, page: 1, pageSize: 20, cases: [] };
    if (query.areaCode) filter.areaCode = query.areaCode;
    else if (query.staffArea) filter.$or = [{ areaCode: query.staffArea }, { areaCode: null }];
    const pageSize = Math.min(Math.max(1, query.pageSize ?? 20), 100);
    const page = Math.max(1, query.page ?? 1);
    const [total, cases] = await Promise.all([
      collection.count(filter),
      collection.find({
        filter,
        sort: [
          ['lastAttemptAt', -1],
          ['identityStream', 1],
        ],
        skip: (page - 1) * pageSize,
        limit: pageSize,
      }),
    ]);
    return { total, page, pageSize, cases };
  }

  /** The case's area from the events (the holder's ID province), for the staff scope check. */
  async areaOf(identityStream: string): Promise<string | null> {
    const events = await this.identityEvents(identityStream);
    const state = fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]);
    const candidateId = state.holder?.candidateId ?? lastClaimant(events as unknown as IdentityCaseEvent[]);
    if (!candidateId) return null;
    const registration = await this.registration(candidateId);
    return registration?.idType === 'resident' ? registration.idNumber.slice(0, 2) : null;
  }

  /** Whether the identity is a case: someone tried its number again (none: no stream, or never contested). */
  async isCase(identityStream: string): Promise<boolean> {
    if (streamCategory(identityStream) !== 'identity') return false;
    const events = await this.store.readStream(identityStream);
    return fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]).attempts > 0;
  }

  /** The account holding the identity now (null: none). */
  async holderOf(identityStream: string): Promise<string | null> {
    const events = await this.store.readStream(identityStream);
    return fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]).holder?.candidateId ?? null;
  }

  /** A candidate's area (their ID province), for reset codes issued outside a case. */
  async areaOfCandidate(candidateId: string): Promise<string | null> {
    const registration = await this.registration(candidateId);
    if (!registration) throw new NotFoundError('ACCOUNT_NOT_FOUND', '账户不存在');
    return registration.idType === 'resident' ? registration.idNumber.slice(0, 2) : null;
  }

  async view(identityStream: string): Promise<CaseView> {
    const events = await this.identityEvents(identityStream);
    const state = fold(identityCaseDecider, events as unknown as IdentityCaseEvent[]);
    const holderId = state.holder?.candidateId ?? lastClaimant(events as unknown as IdentityCaseEvent[]);
    const holder = holderId ? await this.holder(holderId) : null;
    return {
      identityStream,
      revision: events[events.length - 1].revision.toString(),
      state,
      areaCode: holder?.areaCode ?? null,
      log: caseLog(events, holder?.events ?? []),
      registrationCode:
        state.reservation === 'open' ? registrationCodeStatus(events as unknown as IdentityEvent[], new Date()) : null,
      handOverCompleted: state.handOverId !== null && (holder?.handOversCompleted.includes(state.handOverId) ?? false),
      handOverCodeMissing:
        state.handedOver &&
        state.handOverId !== null &&
        holder !== null &&
        !holder.handOversCompleted.includes(state.handOverId) &&
        holder.latestCodeHandOver !== state.handOverId,
      holder: holder?.view ?? null,
    };
  }

  /**
   * A case is an identity stream with events; any other stream named in the URL (a candidate's,
   * an enrollment's) is no case, whatever it holds, so no decision is folded onto or appended to it.
   */
  private async identityEvents(stream: string) {
    if (streamCategory(stream) !== 'identity') throw new CaseNotFoundError();
    const events = await this.store.readStream(stream);
    if (events.length === 0) throw new CaseNotFoundError();
    return events;
  }

  private async registration(candidateId: string): Promise<CandidateRegistered['data'] | null> {
    const [first] = await this.store.readStream(candidateStream(candidateId), { maxCount: 1 });
    return first?.type === 'CandidateRegistered' ? (first.data as CandidateRegistered['data']) : null;
  }

  private async holder(candidateId: string) {
    const events = await this.store.readStream(candidateStream(candidateId));
    const account = fold(accountDecider, events as unknown as AccountEvent[]);
    if (account.status !== 'registered') return null;
    const registration = events[0].data as CandidateRegistered['data'];
    const history = await this.history.history(candidateId, { pageSize: 200 });
    const decisions = fold(accountDecisionDecider, events as unknown as AccountDecisionEvents);
    return {
      areaCode: registration.idType === 'resident' ? registration.idNumber.slice(0, 2) : null,
      handOversCompleted: decisions.handOversCompleted,
      latestCodeHandOver: decisions.code?.handOverId ?? null,
      events,
      view: {
        candidateId,
        username: account.username,
        realName: account.realName,
        idNumberMasked: maskIdNumber(registration.idNumber),
        registeredAt: registration.registeredAt,
        suspended: account.suspended === true,
        history: history.entries,
      },
    };
  }
}

type AccountDecisionEvents = Parameters<typeof accountDecisionDecider.evolve>[1][];

/** After a reassignment freed the identity, the case still shows the account that held it. */
function lastClaimant(events: IdentityCaseEvent[]): string | null {
  let claimant: string | null = null;
  for (const event of events) if (event.type === 'IdentityClaimed') claimant = event.data.candidateId;
  return claimant;
}
