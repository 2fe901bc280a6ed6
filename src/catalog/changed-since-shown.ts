import { ConflictError } from '../shared/errors';
import { shownVersion } from '../shared/shown-version';
import { WINDOW_FIELDS } from './window-fields';
import type { CategoryRequirements, SessionWindows } from './catalog.events';
import { windowsOf, type CatalogState } from './catalog.state';
import type { CategoryInput } from './catalog-validation';

type CategoryContent = Pick<CategoryInput, 'name' | 'level' | 'requirements'>;

/** What a category form or PUT replaces, in one key order whatever order it was sent in. */
export function categoryContent({ name, level, requirements }: CategoryContent): CategoryContent {
  const { minimumEducation, trainingRequired, certificatesRequired } = requirements;
  return { name, level, requirements: { minimumEducation, trainingRequired, certificatesRequired } };
}

/** The version of session windows a page or `GET …/windows` shows (its ETag). */
export function windowsVersionOf(windows: SessionWindows): string {
  return shownVersion(windowsOf(windows));
}

/** The version of a category (name, level, requirements) a page or `GET …/categories/<code>` shows. */
export function categoryVersionOf(category: CategoryContent): string {
  return shownVersion(categoryContent(category));
}

export function windowsVersion(state: CatalogState): string {
  return state.session ? windowsVersionOf(state.session.windows) : shownVersion(null);
}

export function categoryVersion(state: CatalogState, code: string): string {
  const category = state.categories[code];
  return category ? categoryVersionOf(category) : shownVersion(null);
}

/**
 * The windows and category forms (and PUTs with If-Match) carry the version of what they showed:
 * if another admin changed it since, saving would silently undo that change, so it is refused
 * (409 CATALOG_CHANGED). Sending what is already stored (a double click) is no conflict; a change
 * without a version saves as is. Checked by the decider, so on the state the append is decided on.
 */
export function refuseIfWindowsChangedSinceShown(state: CatalogState, sent: SessionWindows, shown?: string): void {
  if (!shown || !state.session || windowsVersion(state) === shown) return;
  const current = windowsOf(state.session.windows);
  if (JSON.stringify(current) === JSON.stringify(windowsOf(sent))) return;
  throw changedSinceShown(windowsText(current));
}

export function refuseIfCategoryChangedSinceShown(state: CatalogState, sent: CategoryInput, shown?: string): void {
  const stored = state.categories[sent.code];
  if (!shown || !stored || categoryVersion(state, sent.code) === shown) return;
  if (JSON.stringify(categoryContent(stored)) === JSON.stringify(categoryContent(sent))) return;
  throw changedSinceShown(`${stored.name}（${stored.level}），${requirementsText(stored.requirements)}`);
}

/** The page shows what this admin typed, so the refusal says what is saved now (the other's change). */
function changedSinceShown(savedNow: string): ConflictError {
  return new ConflictError(
    'CATALOG_CHANGED',
    `其他管理员在您打开本页后修改了这项内容，本次未保存。现在保存的是：${savedNow}。` +
      '下面是您填写的内容；核对后再次保存将以本页内容为准。',
  );
}

const WINDOW_LABELS: Record<string, string> = { ...Object.fromEntries(WINDOW_FIELDS), examDates: '考试日期' };

function windowsText(windows: SessionWindows): string {
  return Object.entries(windows)
    .map(([key, value]) => `${WINDOW_LABELS[key] ?? key} ${Array.isArray(value) ? value.join('、') : value}`)
    .join('；');
}

function requirementsText(requirements: CategoryRequirements): string {
  return [
    `${requirements.minimumEducation}及以上`,
    requirements.trainingRequired ? '需培训经历' : '不需培训经历',
    requirements.certificatesRequired ? '需证书' : '不需证书',
  ].join('，');
}
