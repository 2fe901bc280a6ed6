import { Injectable } from '@nestjs/common';
import { accountDecider } from '../../accounts/accounts.decider';
import type { AccountEvent } from '../../accounts/accounts.events';
import { identityDecider } from '../../accounts/identity/identity.decider';
import type { IdentityEvent } from '../../accounts/identity/identity.events';
import { enrollmentDecider } from '../../enrollment/enrollment.decider';
import type { EnrollmentEvent } from '../../enrollment/enrollment.events';
import type { EnrollmentState } from '../../enrollment/enrollment.state';
import { type CandidateStreamEvent, profileDecider, type ProfileState } from '../../profile/profile.decider';
import { fold } from '../../shared/decider';
import type { RecordedEvent } from '../../shared/messages';
import { CandidateHistoryService } from '../history/candidate-history.service';
import { CandidateLocator, type CandidateStreams } from '../history/candidate-locator';
import { maskPersonalData } from '../history/history-entry';

/** The candidate as the system knew them at an instant, rebuilt from events only (no read model). */
export interface CandidateSnapshot {
  at: string;
  /** Position of the last event included (null: nothing yet). */
  lastPosition: string | null;
  eventCount: number;
  account: Record<string, unknown> | null;
  /** 个人信息 then (contact, employment, education, training, certificates, photo), phone masked. */
  profile: ProfileState | null;
  suspended: boolean;
  identityHolder: Record<string, unknown>;
  enrollments: Array<{ enrollmentId: string; state: EnrollmentState }>;
}

export interface AsOfComparison {
  candidateId: string;
  username: string;
  asOf: CandidateSnapshot;
  today: CandidateSnapshot;
}

const ofType = <E>(events: RecordedEvent[], stream: string) =>
  events.filter((e) => e.streamId === stream) as unknown as E[];

/**
 * Folds the candidate's streams with the slices' own evolve functions, once up to the instant and
 * once up to now, for the side-by-side view.
 */
@Injectable()
export class AsOfService {
  constructor(
    private readonly history: CandidateHistoryService,
    private readonly locator: CandidateLocator,
  ) {}

  async compare(reference: string, at: Date, now = new Date()): Promise<AsOfComparison> {
    const candidateId = await this.locator.resolve(reference);
    const streams = await this.locator.streams(candidateId);
    const all = await this.history.events(streams);
    const cutoff = at.toISOString();
    return {
      candidateId,
      username: streams.username,
      asOf: snapshot(
        streams,
        all.filter((event) => event.recordedAt <= cutoff),
        cutoff,
      ),
      today: snapshot(streams, all, now.toISOString()),
    };
  }
}

export function snapshot(streams: CandidateStreams, events: RecordedEvent[], at: string): CandidateSnapshot {
  const candidateEvents = events.filter((event) => event.streamId === `candidate-${streams.candidateId}`);
  const account = fold(accountDecider, candidateEvents as unknown as AccountEvent[]);
  const profile = fold(profileDecider, candidateEvents as unknown as CandidateStreamEvent[]);
  const identity = fold(identityDecider, ofType<IdentityEvent>(events, streams.identityStream));
  let suspended = false;
  for (const event of candidateEvents) {
    if (event.type === 'AccountSuspended') suspended = true;
    if (event.type === 'AccountReinstated') suspended = false;
  }
  const enrollments = streams.enrollmentIds
    .map((enrollmentId) => ({
      enrollmentId,
      state: fold(enrollmentDecider, ofType<EnrollmentEvent>(events, `enrollment-${enrollmentId}`)),
    }))
    .filter((enrollment) => enrollment.state.status !== 'none');
  return {
    at,
    lastPosition: events.length > 0 ? events[events.length - 1].position.toString() : null,
    eventCount: events.length,
    account: account.status === 'registered' ? (maskPersonalData(account) as Record<string, unknown>) : null,
    profile: account.status === 'registered' ? (maskPersonalData(profile) as ProfileState) : null,
    suspended,
    identityHolder: identity.holder as unknown as Record<string, unknown>,
    enrollments,
  };
}
