import { educationWithForm } from '../education-attainment';
import type { CategoryRequirements } from '../../catalog/catalog.events';
import type { CatalogState } from '../../catalog/catalog.state';
import type { EnrollmentProfile } from '../candidate-profile/enrollment-profiles.port';
import type { ScheduledCatalog } from '../enrollment-decisions';
import type { SiteAvailability } from '../enrollment-queries';
import { nextStep, stepName, type EnrollmentState } from '../enrollment.state';
import type { CopiedStep } from '../profile-drift';
import { categoryProblem, certificatesProblem, qualificationsProblem } from '../enrollment.decider';
import { changeable, enrollmentSteps, list, STEP_LABELS, type Form } from './enrollment-page-helpers';

interface StepInput {
  session: string;
  n: number;
  state: EnrollmentState;
  profile: EnrollmentProfile;
  catalog: ScheduledCatalog;
  areaCode: string;
  sites: SiteAvailability[];
  saved: boolean;
  /** The refused form, so what was ticked stays ticked. */
  form?: Form;
  /** Steps the check page would ask to redo (out of date, or no longer meeting the catalog): not shown as done. */
  redo?: number[];
}

const dash = (from: string, to: string) => `${from} 至 ${to}`;

/** Everything a step page shows: the profile's entries, what is chosen, the step indicator. */
export function stepLocals(input: StepInput) {
  const { session, n, state, profile, catalog, areaCode, sites, saved, form, redo } = input;
  const category = state.category ? catalog.categories[state.category.code] : undefined;
  const chosen = (name: string, fromState: string[]) => (form ? list(form, name) : fromState);
  // A draft saved with 保存 is what the candidate ticked last: it shows over the last complete choice.
  const qualifications = state.qualificationsDraft ?? state.qualifications;
  const educationIds = chosen('educationIds', qualifications?.education.map((e) => e.id) ?? []);
  const trainingIds = chosen('trainingIds', qualifications?.training.map((t) => t.id) ?? []);
  const certificateIds = chosen(
    'certificateIds',
    (state.certificatesDraft ?? state.certificates)?.map((c) => c.id) ?? [],
  );
  return {
    title: STEP_LABELS[n - 1],
    sessionCode: session,
    steps: enrollmentSteps(session, state, redo),
    current: n,
    saved,
    draftProblem: category ? draftProblem(n, state, category.requirements) : null,
    state,
    category,
    basicRows: basicInfoRows(profile),
    employmentRows: profile.employment ? employmentRows(profile) : [],
    hasEmployment: !!profile.employment,
    education: profile.education.map((e) => ({
      ...e,
      attainment: educationWithForm(e),
      period: dash(e.from, e.to),
      checked: educationIds.includes(e.id),
    })),
    training: profile.training.map((t) => ({ ...t, period: dash(t.from, t.to), checked: trainingIds.includes(t.id) })),
    certificates: profile.certificates.map((c) => ({ ...c, checked: certificateIds.includes(c.id) })),
    trainingRequired: category?.requirements.trainingRequired ?? false,
    certificatesRequired: category?.requirements.certificatesRequired ?? false,
    areaOptions: areaOptions(catalog, areaCode),
    areaCode,
    // A full site is still offered to the candidate who holds a seat there (rejected, resubmitting).
    sites: sites
      .filter((site) => site.open && (site.remaining > 0 || site.siteCode === state.seatSiteCode))
      .map((site) => ({ ...site, checked: site.siteCode === (form?.siteCode ?? state.site?.siteCode) })),
    fullSites: sites.filter((site) => site.open && site.remaining === 0 && site.siteCode !== state.seatSiteCode).length,
    // The site chosen before, no longer offered: said, not silently left out of the list.
    chosenGone: chosenSiteGone(state, areaCode, sites),
  };
}

function chosenSiteGone(state: EnrollmentState, areaCode: string, sites: SiteAvailability[]): string | null {
  const chosen = state.site;
  if (!chosen || chosen.areaCode !== areaCode) return null;
  const open = sites.find((site) => site.siteCode === chosen.siteCode)?.open === true;
  const gone = siteNoLongerOffered(state, open, sites);
  return gone && `您之前选择的考点“${chosen.siteName}”${gone}，请重新选择。`;
}

/** Why the draft saved on this step (4 or 5) is not yet the step's choice; null without a draft. */
function draftProblem(n: number, state: EnrollmentState, requirements: CategoryRequirements): string | null {
  const qualifications = n === 4 ? state.qualificationsDraft : null;
  const certificates = n === 5 ? state.certificatesDraft : null;
  const problem = qualifications
    ? qualificationsProblem(qualifications.education, qualifications.training, requirements)
    : certificates
      ? certificatesProblem(certificates, requirements)
      : null;
  return problem?.fields[0]?.message ?? null;
}

function basicInfoRows(profile: EnrollmentProfile) {
  const b = profile.basicInfo;
  return [
    { key: '姓名', value: b.fullName },
    { key: '性别', value: b.gender },
    { key: '出生日期', value: b.birthDate },
    { key: '证件类型', value: b.idType },
    { key: '证件号码', value: b.idNumberMasked },
    { key: '联系电话', value: b.phoneMasked ?? '' },
    { key: '电子邮箱', value: b.email ?? '' },
    { key: '通讯地址', value: b.address ?? '' },
    { key: '邮政编码', value: b.postcode ?? '' },
  ];
}

function employmentRows(profile: EnrollmentProfile) {
  const e = profile.employment!;
  return [
    { key: '工作状态', value: e.status },
    { key: '工作单位', value: e.employer ?? '' },
    { key: '科室', value: e.department ?? '' },
    { key: '职务、技术职务', value: e.position ?? '' },
    { key: '起始年月', value: e.since ?? '' },
  ];
}

/** Check your answers: every step's choice with a link back to change it. */
export function reviewRows(session: string, state: EnrollmentState) {
  const may = changeable(state.status);
  // Submitted and not rejected, nothing links back: a step saved then would be refused; nor does
  // a step beyond the first still to do (保存 on step 4 left it incomplete: step 5 would refuse).
  const step = (n: number) => (may.steps && n <= nextStep(state) ? `/enrollment/${session}/step/${n}` : undefined);
  const b = state.basicInfo;
  const e = state.employment;
  const q = state.qualifications;
  // A draft saved on step 4 or 5 is not part of the form until completed: say so beside the choice.
  const pending = (draft: unknown, step: string) => (draft ? `（${step}有已保存但未完成的修改，尚未生效）` : '');
  const qualificationsNote = pending(state.qualificationsDraft, '第四步');
  return [
    {
      key: '报考类别',
      value: state.category ? `${state.category.code} ${state.category.name}` : '',
      ...(may.category ? { href: `/enrollment/${session}/pledge`, changeLabel: '重新选择' } : {}),
    },
    // Name and ID come from the registration: step 2 cannot change them, so nothing links there.
    { key: '姓名', value: b?.fullName ?? '' },
    { key: '证件号码', value: b?.idNumberMasked ?? '' },
    { key: '联系电话', value: b?.phoneMasked ?? '', href: step(2) },
    { key: '电子邮箱', value: b?.email ?? '', href: step(2) },
    { key: '通讯地址', value: b?.address ?? '', href: step(2) },
    { key: '邮政编码', value: b?.postcode ?? '', href: step(2) },
    { key: '工作单位', value: e ? (e.employer ?? e.status) : '', href: step(3) },
    { key: '科室', value: e?.department ?? '', href: step(3) },
    { key: '职务、技术职务', value: e?.position ?? '', href: step(3) },
    {
      key: '教育经历',
      value:
        (q?.education.map((e) => `${e.school} ${e.major} ${educationWithForm(e)}（${e.from}至${e.to}）`).join('；') ??
          '') + qualificationsNote,
      href: step(4),
    },
    {
      key: '培训经历',
      value:
        (q ? q.training.map((t) => `${t.kind} ${t.institution}（${t.from}至${t.to}）`).join('；') || '无' : '') +
        qualificationsNote,
      href: step(4),
    },
    {
      key: '证书情况',
      value:
        (state.certificates ? state.certificates.map((c) => c.name).join('；') || '无' : '') +
        pending(state.certificatesDraft, '第五步'),
      href: step(5),
    },
    { key: '考区', value: state.site?.areaName ?? '', href: step(6) },
    { key: '考点', value: state.site?.siteName ?? '', href: step(6) },
  ];
}

/** A change to deal with before 提交, the step it concerns (1: the category itself) and the way there. */
export interface CatalogChange {
  message: string;
  step: number;
  href?: string;
  linkText?: string;
}

/**
 * What the catalog changed under a finished draft or a rejected enrollment since its steps were
 * taken, as 提交 would refuse it: the category stopped or its requirements raised, the chosen site
 * stopped or full (unless the enrollment still holds its seat there). Each with the way forward.
 */
export function catalogChanges(
  session: string,
  state: EnrollmentState,
  catalog: CatalogState,
  free: Array<{ siteCode: string; remaining: number }>,
): CatalogChange[] {
  const changes: CatalogChange[] = [];
  const category = state.category ? catalog.categories[state.category.code] : undefined;
  const problem = categoryProblem(category, state);
  if (problem)
    changes.push({
      message: problem.message,
      step: problem.step ?? 1,
      ...(problem.step
        ? { href: `/enrollment/${session}/step/${problem.step}`, linkText: `进入${stepName(problem.step)}` }
        : state.status === 'draft'
          ? { href: `/enrollment/${session}/categories`, linkText: '重新选择报考类别' }
          : { href: `/enrollment/${session}/withdraw`, linkText: '放弃报考' }),
    });
  const site = state.site;
  const gone = site && siteNoLongerOffered(state, catalog.sites[site.siteCode]?.open === true, free);
  if (site && gone)
    changes.push({
      message: `您选择的考点“${site.siteName}”${gone}，请重新选择考点`,
      step: 6,
      href: `/enrollment/${session}/step/6?area=${site.areaCode}`,
      linkText: `进入${stepName(6)}`,
    });
  return changes;
}

/**
 * Why the site chosen in step 6 is no longer offered (名额已满, 已停止报名), or null: it takes
 * registrations with a free place, or the enrollment still holds its seat there (rejected, resubmitting).
 */
function siteNoLongerOffered(
  state: EnrollmentState,
  open: boolean,
  free: Array<{ siteCode: string; remaining: number }>,
): string | null {
  const chosen = state.site;
  if (!chosen || chosen.siteCode === state.seatSiteCode) return null;
  if (!open) return '已停止报名';
  return (free.find((place) => place.siteCode === chosen.siteCode)?.remaining ?? 0) > 0 ? null : '名额已满';
}

/**
 * The 考区 of step 6 and 修改考点: those with a site still taking registrations, and the one shown
 * (the candidate's own, whose sites may all have stopped since).
 */
export function areaOptions(catalog: CatalogState, areaCode: string) {
  const sites = Object.values(catalog.sites);
  return Object.values(catalog.areas)
    .filter((area) => area.code === areaCode || sites.some((site) => site.areaCode === area.code && site.open))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((area) => ({ value: area.code, label: area.name, selected: area.code === areaCode }));
}

/**
 * The check page's list of steps corrected on 个人信息 since they were confirmed. A step beyond the
 * first still to do is listed without a link: it would refuse until that one is done.
 */
export function outdatedLinks(session: string, state: EnrollmentState, outdated: CopiedStep[]) {
  return outdated.map((step) => ({
    label: stepName(step),
    href: step <= nextStep(state) ? `/enrollment/${session}/step/${step}` : undefined,
  }));
}
