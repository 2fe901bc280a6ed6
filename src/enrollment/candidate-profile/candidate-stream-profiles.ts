import { Inject, Injectable } from '@nestjs/common';
import type { CandidateRegistered } from '../../accounts/accounts.events';
import { candidateStream } from '../../accounts/accounts.streams';
import { maskIdNumber } from '../../accounts/security/identity-key';
import { ID_TYPES } from '../../accounts/validation/id-number.rules';
import { StreamStateCache, type StreamFold } from '../../infrastructure/command-handling/stream-state-cache';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
// Loaded for its registration of the profile's event types, which this reader folds.
import '../../profile/profile.events';
import {
  evolveProfile,
  initialProfileState,
  type CandidateStreamEvent,
  type ProfileState,
} from '../../profile/profile.decider';
import type { EnrollmentProfile, EnrollmentProfiles } from './enrollment-profiles.port';

interface CandidateStreamState {
  /** The first registration on the stream (null: not registered). */
  registered: CandidateRegistered['data'] | null;
  profile: ProfileState;
  suspended: boolean;
}

const candidateStreamFold: StreamFold<CandidateStreamState, CandidateStreamEvent> = {
  initialState: () => ({ registered: null, profile: initialProfileState(), suspended: false }),
  evolve: (state, event) => ({
    registered: state.registered ?? (event.type === 'CandidateRegistered' ? event.data : null),
    profile: evolveProfile(state.profile, event),
    suspended: event.type === 'AccountSuspended' ? true : event.type === 'AccountReinstated' ? false : state.suspended,
  }),
};

const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone);

/**
 * Reads a candidate's profile from the `candidate-<id>` stream itself (the accounts slice's
 * registration plus the profile slice's events, folded with the profile's own evolve): what a
 * step confirms is what the candidate's stream says at that moment, with no projection lag. The
 * fold is cached and caught up with the events after its revision on every read.
 */
@Injectable()
export class CandidateStreamProfiles implements EnrollmentProfiles {
  private readonly folded = new StreamStateCache<CandidateStreamState>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(candidateId: string): Promise<EnrollmentProfile | null> {
    const { state } = await this.folded.catchUp(this.store, candidateStream(candidateId), candidateStreamFold);
    const { registered: r, profile } = state;
    if (!r) return null;
    return {
      candidateId,
      basicInfo: {
        fullName: r.realName,
        gender: r.gender === 'F' ? '女' : '男',
        birthDate: r.birthDate,
        idType: ID_TYPES[r.idType] ?? r.idType,
        idNumberMasked: maskIdNumber(r.idNumber),
        phoneMasked: maskPhone(profile.contact?.phone || r.mobile),
        email: profile.contact?.email || r.email,
        address: profile.contact?.address,
        postcode: profile.contact?.postcode,
      },
      employment: profile.employment && {
        status: '在职',
        employer: profile.employment.employer.name,
        department: profile.employment.department,
        // 职务 and 技术职务 in one field (named so wherever it is shown): the copy's shape predates the split.
        position: [profile.employment.position, profile.employment.title].filter(Boolean).join(' '),
        since: profile.employment.startMonth,
      },
      education: profile.education.map((e) => ({
        id: e.id,
        school: e.school.name,
        major: e.major,
        degree: e.level,
        academicDegree: e.degree,
        studyForm: e.studyForm,
        from: e.from,
        to: e.to,
      })),
      training: profile.training.map((t) => ({
        id: t.id,
        kind: t.kind,
        institution: t.institution,
        from: t.from,
        to: t.to,
      })),
      certificates: profile.certificates.map((c) => ({
        id: c.id,
        name: c.kind,
        number: c.number,
        issuedAt: c.issuedOn,
      })),
      photoSha256: profile.photo?.sha256 ?? null,
      accountSuspended: state.suspended,
    };
  }
}
