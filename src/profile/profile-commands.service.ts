import { Inject, Injectable } from '@nestjs/common';
import { candidateStream, todayInChina } from '../accounts/accounts.streams';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventSourcedHandler } from '../infrastructure/command-handling/event-sourced-handler';
import { ProjectionRunner } from '../infrastructure/projections/projection-runner';
import type { CommandContext } from '../shared/messages';
import { DirectoryCatalog } from '../directory/directory-catalog.service';
import type { DirectoryKind } from '../directory/directory.types';
import { CANDIDATE_VIEW_PROJECTION } from '../../projections/candidate-view/candidate-view.types';
import { profileDecider, type ProfileCommand } from './profile.decider';
import type { InstitutionRef, ProfileInput } from './profile.types';
import { sortedJson } from '../shared/sorted-json';
import { visibleStrings } from '../shared/visible-text';
import { digitsAsMeant, monthAsMeant } from '../shared/digits-as-meant';

const PROFILE_SECTIONS: ReadonlyArray<keyof ProfileInput> = [
  'contact',
  'employment',
  'education',
  'training',
  'certificates',
];

export interface ProfileCommandResult {
  /** The stream's revision after the command: the new ETag. */
  revision: bigint;
  changed: boolean;
}

/**
 * Sends profile commands to the candidate stream. `expectedRevision` (If-Match, or the page's hidden
 * field) turns a concurrent edit into a 409 instead of an overwrite. Answers once the candidate
 * view shows the change, so a reload after 提交 shows what was saved.
 */
@Injectable()
export class ProfileCommands {
  constructor(
    private readonly handler: EventSourcedHandler,
    private readonly runner: ProjectionRunner,
    private readonly directory: DirectoryCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async updateProfile(
    candidateId: string,
    input: ProfileInput,
    expectedRevision: bigint | undefined,
    context: CommandContext,
  ): Promise<ProfileCommandResult> {
    const profile = this.asStored(input);
    const today = todayInChina(context.now);
    return this.send(candidateId, { type: 'UpdateProfile', data: { profile, today } }, expectedRevision, context);
  }

  /**
   * The profile as it would be stored: what shows of it, numbers folded as meant, directory names
   * in the directory's spelling. A form is "already saved" when this equals what is stored.
   */
  asStored(input: ProfileInput): ProfileInput {
    const visible = visibleStrings(input);
    return {
      ...visible,
      contact: {
        ...visible.contact,
        phone: phoneAsMeant(visible.contact.phone),
        postcode: visible.contact.postcode.normalize('NFKC').replace(/\s+/g, ''),
      },
      employment: {
        ...visible.employment,
        employer: this.recognise('employer', visible.employment.employer),
        startMonth: monthAsMeant(visible.employment.startMonth),
      },
      education: visible.education.map((entry) => ({
        ...entry,
        school: this.recognise('school', entry.school),
        from: monthAsMeant(entry.from),
        to: monthAsMeant(entry.to),
      })),
      training: visible.training.map((entry) => ({
        ...entry,
        from: monthAsMeant(entry.from),
        to: monthAsMeant(entry.to),
      })),
      certificates: visible.certificates.map((entry) => ({
        ...entry,
        number: digitsAsMeant(entry.number),
        issuedOn: monthAsMeant(entry.issuedOn),
      })),
    };
  }

  /**
   * Whether the profile stored now holds this form's sections as they would be stored, rows' ids
   * aside (a new row gets a fresh id each time it is sent) and the directory's flag aside (a name
   * it learnt between two sends is the same name): the same form sent twice, a double click, not an
   * edit made elsewhere. 个人信息 sends every section; steps 2 and 3 one each.
   */
  async holdsAlready(candidateId: string, input: ProfileInput, sections = PROFILE_SECTIONS): Promise<boolean> {
    const { state } = await this.handler.load(candidateStream(candidateId), profileDecider);
    const form = this.asStored(input);
    const content = (profile: Partial<ProfileInput>) =>
      sortedJson(Object.fromEntries(sections.map((section) => [section, profile[section] ?? null])), (key) =>
        ['id', 'inDirectory'].includes(key),
      );
    return content(state as unknown as Partial<ProfileInput>) === content(form);
  }

  async uploadPhoto(
    candidateId: string,
    photo: { sha256: string; bytes: number; width: number; height: number },
    context: CommandContext,
  ): Promise<ProfileCommandResult> {
    return this.send(candidateId, { type: 'UploadPhoto', data: photo }, undefined, context);
  }

  /** An exact directory match counts as chosen (grey) and takes the directory's spelling; else yellow. */
  private recognise(kind: DirectoryKind, ref: InstitutionRef): InstitutionRef {
    const found = ref.name === '' ? undefined : this.directory.findExact(kind, ref.name);
    return found ? { name: found.name, inDirectory: true } : { name: ref.name, inDirectory: false };
  }

  private async send(
    candidateId: string,
    command: ProfileCommand,
    expectedRevision: bigint | undefined,
    context: CommandContext,
  ): Promise<ProfileCommandResult> {
    const result = await this.handler.handle(candidateStream(candidateId), profileDecider, command, context, {
      expectedRevision,
    });
    if (result.position !== null)
      await this.runner.waitFor(result.position, [CANDIDATE_VIEW_PROJECTION], this.config.readYourWritesTimeoutMs);
    return { revision: result.revision, changed: result.position !== null };
  }
}

/**
 * A phone number as it was meant: full-width digits folded (a Chinese IME types １３８…) and spaces
 * dropped; a mobile written in groups (138-0013-8000) joined, a landline's area-code hyphen kept.
 */
export function phoneAsMeant(phone: string): string {
  const folded = phone.normalize('NFKC').replace(/\s+/g, '');
  const joined = folded.replace(/\p{Pd}/gu, '');
  return /^1[3-9]\d{9}$/.test(joined) ? joined : folded.replace(/\p{Pd}/gu, '-');
}
