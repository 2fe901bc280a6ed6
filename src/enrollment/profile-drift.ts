import type { EnrollmentProfile } from './candidate-profile/enrollment-profiles.port';
import type { BasicInfoSnapshot } from './enrollment.events';
import { stepName, type EnrollmentState } from './enrollment.state';
import { sortedJson } from '../shared/sorted-json';
import { visibleStrings } from '../shared/visible-text';

/** The steps that copy the profile into the enrollment when the candidate confirms them. */
export type CopiedStep = 2 | 3 | 4 | 5;

/**
 * The steps whose copy no longer matches the profile: the candidate corrected it on 个人信息 after
 * confirming the step (typically after a rejection). 提交 would send the old copy, so those steps
 * are to be confirmed again first. An entry chosen in step 4 or 5 counts when it was changed or
 * deleted; entries added since count only once chosen.
 */
export function outdatedSteps(state: EnrollmentState, profile: EnrollmentProfile): CopiedStep[] {
  const steps: CopiedStep[] = [];
  if (state.basicInfo && !sameValue(state.basicInfo, sinceCopied(profile.basicInfo, state.basicInfo))) steps.push(2);
  if (state.employment && !sameValue(state.employment, profile.employment)) steps.push(3);
  const chosen = state.qualifications;
  if (
    chosen &&
    !(
      stillAsChosen(chosen.education, profile.education, EDUCATION_COPIED_SINCE) &&
      stillAsChosen(chosen.training, profile.training)
    )
  )
    steps.push(4);
  if (state.certificates && !stillAsChosen(state.certificates, profile.certificates)) steps.push(5);
  return steps;
}

/**
 * The same steps for an enrollment kept as submitted (submitted or approved): its copy stands, as
 * the guide has the candidate 放弃报考 and enroll again to change it, so the list only tells them.
 * Drafts and rejected enrollments are (re)submitted instead, after confirming the steps again.
 */
export function outdatedSinceSubmitted(state: EnrollmentState, profile: EnrollmentProfile): CopiedStep[] {
  return state.status === 'submitted' || state.status === 'approved' ? outdatedSteps(state, profile) : [];
}

export function copiedStepNames(steps: CopiedStep[]): string {
  return steps.map(stepName).join('、');
}

function stillAsChosen<T extends { id: string }>(chosen: T[], current: T[], copiedSince: string[] = []): boolean {
  return chosen.every((entry) => {
    const now = current.find((candidate) => candidate.id === entry.id);
    return now !== undefined && sameValue(entry, withoutFieldsCopiedSince(now, entry, copiedSince));
  });
}

/** 学位 and 学习形式, copied into step 4's entries since a later version. */
const EDUCATION_COPIED_SINCE = ['academicDegree', 'studyForm'];

/**
 * Fields step 2 copies since a later version (邮政编码): a copy made before has none of them, and
 * is not out of date for that alone — the candidate changed nothing.
 */
const COPIED_SINCE = ['postcode'];

function sinceCopied(current: BasicInfoSnapshot, copy: BasicInfoSnapshot): BasicInfoSnapshot {
  return withoutFieldsCopiedSince(current, copy, COPIED_SINCE);
}

/** The current value without the fields an older copy was made without. */
function withoutFieldsCopiedSince<T extends object>(current: T, copy: T, fields: string[]): T {
  const comparable = { ...current } as Record<string, unknown>;
  for (const field of fields) if (!(field in copy)) delete comparable[field];
  return comparable as T;
}

/**
 * Equal as stored: key order does not count, nor does a field left empty against one absent (the
 * copy went through JSON; a contact saved blank is no change).
 */
function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** Characters that do not show do not count either: the profile drops them on its next save. */
function canonical(value: unknown): string {
  return sortedJson(visibleStrings(value), (_key, field) => field === undefined || field === null || field === '');
}
