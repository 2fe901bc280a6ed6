import { Inject, Injectable } from '@nestjs/common';
import { DomainError, NotFoundError, ValidationError } from '../shared/errors';
import type { CommandContext } from '../shared/messages';
import {
  ENROLLMENT_PROFILES,
  type EnrollmentProfile,
  type EnrollmentProfiles,
} from './candidate-profile/enrollment-profiles.port';
import { EnrollmentDecisions, type ScheduledCatalog } from './enrollment-decisions';
import { highestEducation } from './enrollment-rules';
import { EDITABLE, requireStepOpen } from './enrollment.decider';
import type { EnrollmentState } from './enrollment.state';
import { PledgeTexts } from './pledge/pledge-texts';
import { enrollmentId } from './enrollment.events';
import { outdatedSinceSubmitted, outdatedSteps, type CopiedStep } from './profile-drift';
import { SeatLedger } from './seats/seat-ledger.service';

export interface StepResult {
  state: EnrollmentState;
  position: bigint | null;
}

/** The pledge and steps 1–6: each step copies what the candidate confirmed from the profile. */
@Injectable()
export class EnrollmentSteps {
  constructor(
    private readonly decisions: EnrollmentDecisions,
    private readonly pledges: PledgeTexts,
    @Inject(ENROLLMENT_PROFILES) private readonly profiles: EnrollmentProfiles,
    private readonly seats: SeatLedger,
  ) {}

  async profile(candidateId: string): Promise<EnrollmentProfile> {
    const profile = await this.profiles.get(candidateId);
    if (!profile) throw new NotFoundError('PROFILE_NOT_FOUND', '请先完善个人信息');
    return profile;
  }

  /**
   * The confirmed steps whose copy of 个人信息 is out of date, for an enrollment that may still be
   * (re)submitted; 提交 is refused until they are confirmed again (PROFILE_CHANGED).
   */
  async outdatedSteps(state: EnrollmentState, candidateId: string): Promise<CopiedStep[]> {
    if (!EDITABLE.includes(state.status)) return [];
    return outdatedSteps(state, await this.profile(candidateId));
  }

  /**
   * For an enrollment kept as submitted (submitted or approved): the steps whose copy 个人信息 no
   * longer matches. Told, not enforced: the guide has the candidate 放弃报考 and enroll again.
   */
  async changedSinceSubmitted(state: EnrollmentState, candidateId: string): Promise<CopiedStep[]> {
    if (state.status !== 'submitted' && state.status !== 'approved') return [];
    return outdatedSinceSubmitted(state, await this.profile(candidateId));
  }

  async start(
    sessionCode: string,
    candidateId: string,
    pledgeVersion: string,
    categoryCode: string,
    context: CommandContext,
  ) {
    // A form sent without a choice (the API's DTO refuses it already) is not an unknown category.
    if (!categoryCode)
      throw new ValidationError([{ field: 'categoryCode', code: 'CATEGORY_REQUIRED', message: '请选择报考类别' }]);
    const [catalog, profile] = await Promise.all([this.decisions.catalog(sessionCode), this.profile(candidateId)]);
    return this.run(sessionCode, candidateId, context, {
      type: 'StartEnrollment',
      sessionCode,
      candidateId,
      pledgeVersion,
      currentPledgeVersion: this.pledges.current().version,
      category: catalog.categories[categoryCode],
      highestEducation: highestEducation(profile.education.map((entry) => entry.degree)),
    });
  }

  async confirmBasicInfo(sessionCode: string, candidateId: string, context: CommandContext) {
    const profile = await this.profile(candidateId);
    return this.run(sessionCode, candidateId, context, { type: 'ConfirmBasicInfo', basicInfo: profile.basicInfo });
  }

  async confirmEmployment(sessionCode: string, candidateId: string, context: CommandContext) {
    const profile = await this.profile(candidateId);
    if (!profile.employment)
      throw new ValidationError([{ field: 'employment', code: 'EMPLOYMENT_REQUIRED', message: '请先填写工作情况' }]);
    return this.run(sessionCode, candidateId, context, { type: 'ConfirmEmployment', employment: profile.employment });
  }

  async selectQualifications(
    sessionCode: string,
    candidateId: string,
    educationIds: string[],
    trainingIds: string[],
    context: CommandContext,
    keepIncomplete = false,
  ) {
    const [profile, catalog, state] = await this.loadAll(sessionCode, candidateId);
    return this.run(sessionCode, candidateId, context, {
      type: 'SelectQualifications',
      education: pick(profile.education, educationIds, 'education'),
      training: pick(profile.training, trainingIds, 'training'),
      requirements: requirementsOf(catalog, state),
      keepIncomplete,
    });
  }

  async selectCertificates(
    sessionCode: string,
    candidateId: string,
    certificateIds: string[],
    context: CommandContext,
    keepIncomplete = false,
  ) {
    const [profile, catalog, state] = await this.loadAll(sessionCode, candidateId);
    return this.run(sessionCode, candidateId, context, {
      type: 'SelectCertificates',
      certificates: pick(profile.certificates, certificateIds, 'certificates'),
      requirements: requirementsOf(catalog, state),
      keepIncomplete,
    });
  }

  async chooseSite(sessionCode: string, candidateId: string, siteCode: string, context: CommandContext) {
    const catalog = await this.decisions.catalog(sessionCode);
    const site = catalog.sites[siteCode];
    if (!site) throw new ValidationError([{ field: 'siteCode', code: 'SITE_NOT_FOUND', message: '请选择考点' }]);
    const choice = {
      areaCode: site.areaCode,
      areaName: catalog.areas[site.areaCode]?.name ?? '',
      siteCode,
      siteName: site.name,
    };
    // The seats as committed now: 提交 takes one, and may still find the last one gone by then.
    const seats = await this.seats.held(sessionCode, siteCode);
    const siteFull =
      seats.held >= (seats.capacity ?? site.capacity) && !seats.holders.has(enrollmentId(sessionCode, candidateId));
    return this.run(sessionCode, candidateId, context, {
      type: 'ChooseExamSite',
      choice,
      siteOpen: site.open,
      siteFull,
    });
  }

  /** Refuses now what saving this step would refuse whatever it holds (before steps 2–3 touch the profile). */
  async requireStepOpen(sessionCode: string, candidateId: string, step: number, context: CommandContext) {
    const [catalog, state] = await Promise.all([
      this.decisions.catalog(sessionCode),
      this.decisions.load(sessionCode, candidateId),
    ]);
    requireStepOpen({ now: context.now, actor: context.actor, windows: catalog.session.windows }, state, step);
  }

  private loadAll(sessionCode: string, candidateId: string) {
    return Promise.all([
      this.profile(candidateId),
      this.decisions.catalog(sessionCode),
      this.decisions.load(sessionCode, candidateId),
    ]);
  }

  private async run(
    sessionCode: string,
    candidateId: string,
    context: CommandContext,
    command: Parameters<EnrollmentDecisions['execute']>[2],
  ): Promise<StepResult> {
    const result = await this.decisions.execute(sessionCode, candidateId, command, context);
    return { state: result.state, position: result.position };
  }
}

function requirementsOf(catalog: ScheduledCatalog, state: EnrollmentState) {
  const category = state.category ? catalog.categories[state.category.code] : undefined;
  if (!category) throw new DomainError('NOT_ENROLLED', '请先点击“+”开始报名');
  return category.requirements;
}

/** The profile entries with these ids, in the profile's order; an unknown id is a bad request. */
function pick<T extends { id: string }>(entries: T[], ids: string[], field: string): T[] {
  const unknown = ids.filter((id) => !entries.some((entry) => entry.id === id));
  if (unknown.length > 0)
    throw new ValidationError([{ field, code: 'UNKNOWN_ENTRY', message: '所选条目不在个人信息中，请刷新后重试' }]);
  return entries.filter((entry) => ids.includes(entry.id));
}
