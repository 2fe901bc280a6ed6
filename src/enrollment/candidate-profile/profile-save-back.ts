import { Inject, Injectable } from '@nestjs/common';
import { candidateStream } from '../../accounts/accounts.streams';
import { EVENT_STORE, type EventStore } from '../../infrastructure/event-store/event-store.port';
import { ConflictError, ValidationError } from '../../shared/errors';
import type { CommandContext } from '../../shared/messages';
import {
  evolveProfile,
  initialProfileState,
  type CandidateStreamEvent,
  type ProfileState,
} from '../../profile/profile.decider';
import { ProfileCommands } from '../../profile/profile-commands.service';
import type { Contact, Employment, ProfileInput } from '../../profile/profile.types';
import { shownVersion } from '../../shared/shown-version';

export type ProfileChange = { contact: Contact } | { employment: Employment };

const EMPTY_CONTACT: Contact = { phone: '', email: '', address: '', postcode: '' };
const EMPTY_EMPLOYMENT: Employment = {
  employer: { name: '', inDirectory: false },
  department: '',
  position: '',
  title: '',
  startMonth: '',
};

/**
 * What a step 2 or 3 form showed of the profile: a digest of its contact or employment section.
 * The candidate stream also holds account events (a password change, a photo), which must not
 * count as an edit of the section.
 */
export function sectionVersion(state: ProfileState, section: 'contact' | 'employment'): string {
  return shownVersion(state[section]);
}

/**
 * Steps 2 and 3: “保存” writes the candidate's corrections back to the profile through the
 * profile slice's own command (its rules, its directory check, its events). The form carries the
 * version of the section it showed: if that section was edited meanwhile in another tab, saving
 * is a conflict (PROFILE_EDITED_ELSEWHERE, unlike 提交's PROFILE_CHANGED), not an overwrite.
 * Without one (an old form) it saves as is.
 */
@Injectable()
export class ProfileSaveBack {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly profiles: ProfileCommands,
  ) {}

  async current(candidateId: string) {
    const events = await this.store.readStream(candidateStream(candidateId));
    const state = (events as unknown as CandidateStreamEvent[]).reduce(evolveProfile, initialProfileState());
    return { state, revision: events.length > 0 ? events[events.length - 1].revision : undefined };
  }

  /** Returns whether the profile changed. */
  async save(
    candidateId: string,
    change: ProfileChange,
    context: CommandContext,
    seenVersion?: string,
  ): Promise<boolean> {
    const { state, revision } = await this.current(candidateId);
    const section = 'contact' in change ? 'contact' : 'employment';
    const input: ProfileInput = {
      contact: state.contact ?? EMPTY_CONTACT,
      employment: state.employment ?? EMPTY_EMPLOYMENT,
      education: state.education,
      training: state.training,
      certificates: state.certificates,
      ...change,
    };
    if (seenVersion !== undefined && seenVersion !== sectionVersion(state, section)) {
      // A double click: the first request saved exactly this; the second is no conflict with it.
      // Compared as the profile stores it: a full-width phone or a pasted zero-width space is no difference.
      if (await this.profiles.holdsAlready(candidateId, input, [section])) return false;
      throw new ConflictError(
        'PROFILE_EDITED_ELSEWHERE',
        '个人信息已在其他窗口或设备上修改过，本次未保存。请核对下面的内容，再次点击“保存”将以本页内容为准。',
      );
    }
    try {
      return (await this.profiles.updateProfile(candidateId, input, revision, context)).changed;
    } catch (error) {
      throw error instanceof ValidationError ? onThisStep(error, section) : error;
    }
  }
}

const SECTION_LABELS: Record<string, string> = {
  contact: '联系方式',
  employment: '工作情况',
  education: '教育经历',
  training: '培训经历',
  certificates: '证书',
};

/**
 * The profile's rules cover the whole profile: a part this step does not show (a candidate who
 * enrolled before filling in 工作情况 saves step 2) is named once, with where to fill it in, rather
 * than as fields the page does not have.
 */
function onThisStep(error: ValidationError, section: 'contact' | 'employment'): ValidationError {
  const own = error.fields.filter((field) => field.field.startsWith(`${section}.`));
  const elsewhere = [
    ...new Set(error.fields.filter((field) => !own.includes(field)).map((f) => f.field.split('.')[0])),
  ];
  if (elsewhere.length === 0) return error;
  const parts = elsewhere.map((part) => SECTION_LABELS[part] ?? part).join('、');
  const message = `个人信息中的${parts}尚未填写完整，请先到“个人信息”页面补充，再回到本步骤保存`;
  return new ValidationError([...own, { field: 'main-content', code: 'PROFILE_INCOMPLETE', message }]);
}
