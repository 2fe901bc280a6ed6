import type { AccountEvent } from '../accounts/accounts.events';
import type { AccountDecisionEvent } from '../staff/account-decisions/account-decision.events';
import { assertNever, type Decider } from '../shared/decider';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { ProfileEvent } from './profile.events';
import { sortedJson } from '../shared/sorted-json';
import { validateProfile } from './profile.rules';
import type { Certificate, Contact, Education, Employment, ProfileInput, Training } from './profile.types';

export type UpdateProfile = {
  type: 'UpdateProfile';
  /** `today`: YYYY-MM-DD in China, for the "not in the future" rule. */
  data: { profile: ProfileInput; today: string };
};
export type UploadPhoto = {
  type: 'UploadPhoto';
  data: { sha256: string; bytes: number; width: number; height: number };
};
export type ProfileCommand = UpdateProfile | UploadPhoto;

/** The candidate stream's events: the accounts slice's, the profile's and staff's decisions on the account. */
export type CandidateStreamEvent = AccountEvent | ProfileEvent | AccountDecisionEvent;

export interface ProfileState {
  registered: boolean;
  contact: Contact | null;
  employment: Employment | null;
  education: Education[];
  training: Training[];
  certificates: Certificate[];
  photo: UploadPhoto['data'] | null;
}

const initialState = (): ProfileState => ({
  registered: false,
  contact: null,
  employment: null,
  education: [],
  training: [],
  certificates: [],
  photo: null,
});

/** Stored and submitted objects compare by content (keys sorted). */
const same = (a: unknown, b: unknown): boolean => sortedJson(a) === sortedJson(b);

/** Added / Changed / Removed events turning the stored entries into the submitted ones. */
function diffEntries<Entry extends { id: string }, Added, Changed, Removed>(
  stored: Entry[],
  submitted: Entry[],
  make: { added: (e: Entry) => Added; changed: (e: Entry) => Changed; removed: (id: string) => Removed },
): Array<Added | Changed | Removed> {
  const events: Array<Added | Changed | Removed> = [];
  const submittedIds = new Set(submitted.map((entry) => entry.id));
  for (const entry of stored) if (!submittedIds.has(entry.id)) events.push(make.removed(entry.id));
  for (const entry of submitted) {
    const before = stored.find((candidate) => candidate.id === entry.id);
    if (!before) events.push(make.added(entry));
    else if (!same(before, entry)) events.push(make.changed(entry));
  }
  return events;
}

function decideUpdate({ profile, today }: UpdateProfile['data'], state: ProfileState): ProfileEvent[] {
  const errors = validateProfile(profile, today);
  if (errors.length > 0) throw new ValidationError(errors);
  const ids = [...profile.education, ...profile.training, ...profile.certificates].map((entry) => entry.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !/^[\w-]{1,64}$/.test(id)))
    throw new ValidationError([{ field: 'id', code: 'ENTRY_ID_INVALID', message: '条目标识重复或无效，请刷新后重试' }]);
  const events: ProfileEvent[] = [];
  if (!same(state.contact, profile.contact)) events.push({ type: 'ContactDetailsChanged', data: profile.contact });
  if (!same(state.employment, profile.employment)) events.push({ type: 'EmploymentChanged', data: profile.employment });
  events.push(
    ...diffEntries<Education, ProfileEvent, ProfileEvent, ProfileEvent>(state.education, profile.education, {
      added: (data) => ({ type: 'EducationAdded', data }),
      changed: (data) => ({ type: 'EducationChanged', data }),
      removed: (id) => ({ type: 'EducationRemoved', data: { id } }),
    }),
    ...diffEntries<Training, ProfileEvent, ProfileEvent, ProfileEvent>(state.training, profile.training, {
      added: (data) => ({ type: 'TrainingAdded', data }),
      changed: (data) => ({ type: 'TrainingChanged', data }),
      removed: (id) => ({ type: 'TrainingRemoved', data: { id } }),
    }),
    ...diffEntries<Certificate, ProfileEvent, ProfileEvent, ProfileEvent>(state.certificates, profile.certificates, {
      added: (data) => ({ type: 'CertificateAdded', data }),
      changed: (data) => ({ type: 'CertificateChanged', data }),
      removed: (id) => ({ type: 'CertificateRemoved', data: { id } }),
    }),
  );
  return events;
}

function decide(command: ProfileCommand, state: ProfileState): ProfileEvent[] {
  if (!state.registered) throw new NotFoundError('CANDIDATE_NOT_FOUND', '考生账户不存在');
  switch (command.type) {
    case 'UpdateProfile':
      return decideUpdate(command.data, state);
    case 'UploadPhoto':
      return state.photo?.sha256 === command.data.sha256 ? [] : [{ type: 'PhotoUploaded', data: command.data }];
    default:
      return assertNever(command);
  }
}

const upsert = <Entry extends { id: string }>(entries: Entry[], entry: Entry): Entry[] =>
  entries.some((e) => e.id === entry.id) ? entries.map((e) => (e.id === entry.id ? entry : e)) : [...entries, entry];
const without = <Entry extends { id: string }>(entries: Entry[], id: string): Entry[] =>
  entries.filter((e) => e.id !== id);

function evolve(state: ProfileState, event: CandidateStreamEvent): ProfileState {
  switch (event.type) {
    case 'CandidateRegistered':
      return { ...state, registered: true };
    case 'PasswordChanged':
    case 'SecurityQuestionChanged':
    case 'PasswordRecovered':
    case 'RecoveryNoticeShown':
    case 'AccountSuspended':
    case 'AccountReinstated':
    case 'ResetCodeIssued':
    case 'ResetCodeRedeemed':
    case 'ResetCodeRefused':
    case 'CandidateNoticeIssued':
    case 'CandidateNoticesShown':
      return state;
    case 'ContactDetailsChanged':
      return { ...state, contact: event.data };
    case 'EmploymentChanged':
      return { ...state, employment: event.data };
    case 'EducationAdded':
    case 'EducationChanged':
      return { ...state, education: upsert(state.education, event.data) };
    case 'EducationRemoved':
      return { ...state, education: without(state.education, event.data.id) };
    case 'TrainingAdded':
    case 'TrainingChanged':
      return { ...state, training: upsert(state.training, event.data) };
    case 'TrainingRemoved':
      return { ...state, training: without(state.training, event.data.id) };
    case 'CertificateAdded':
    case 'CertificateChanged':
      return { ...state, certificates: upsert(state.certificates, event.data) };
    case 'CertificateRemoved':
      return { ...state, certificates: without(state.certificates, event.data.id) };
    case 'PhotoUploaded':
      return { ...state, photo: event.data };
    default:
      return assertNever(event);
  }
}

/**
 * 个人信息 on the candidate stream: one submit becomes the events of what changed. Entries keep
 * the order in which they were added; a changed entry stays in place.
 */
export const profileDecider: Decider<ProfileState, ProfileCommand, CandidateStreamEvent> = {
  initialState,
  decide: decide as (command: ProfileCommand, state: ProfileState) => CandidateStreamEvent[],
  evolve,
};
export { evolve as evolveProfile, initialState as initialProfileState };
