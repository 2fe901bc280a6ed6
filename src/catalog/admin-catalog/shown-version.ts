import { ConflictError } from '../../shared/errors';
import { shownVersion } from '../../shared/shown-version';
import { WINDOW_FIELDS } from './window-fields';
import type { CatalogCommand } from '../catalog.decider';
import type { CatalogState } from '../catalog.state';
import type { CategoryRequirements, SessionWindows } from '../catalog.events';

/**
 * The windows and category forms carry the version of what they showed: if another admin changed
 * it since, saving would silently undo that change, so it is refused (409 CATALOG_CHANGED). Sending
 * what is already stored (a double click) is no conflict; a form without a version saves as is.
 */
export function refuseIfChangedSinceShown(state: CatalogState, command: CatalogCommand, shown?: string): void {
  if (!shown) return;
  const [current, sent] =
    command.type === 'ChangeSessionWindows'
      ? [state.session?.windows, command.windows]
      : command.type === 'ChangeCategory'
        ? [state.categories[command.category.code]?.requirements, command.category.requirements]
        : [undefined, undefined];
  if (current === undefined || shownVersion(current) === shown) return;
  if (JSON.stringify(current) === JSON.stringify(sent)) return;
  throw new ConflictError(
    'CATALOG_CHANGED',
    `其他管理员在您打开本页后修改了这项内容，本次未保存。现在保存的是：${savedText(current)}。` +
      '下面是您填写的内容；核对后再次保存将以本页内容为准。',
  );
}

const WINDOW_LABELS: Record<string, string> = { ...Object.fromEntries(WINDOW_FIELDS), examDates: '考试日期' };

/** What is saved now, said in the refusal: the page shows what this admin typed, not the other's change. */
function savedText(current: SessionWindows | CategoryRequirements): string {
  if ('minimumEducation' in current)
    return [
      `${current.minimumEducation}及以上`,
      current.trainingRequired ? '需培训经历' : '不需培训经历',
      current.certificatesRequired ? '需证书' : '不需证书',
    ].join('，');
  return Object.entries(current)
    .map(([key, value]) => `${WINDOW_LABELS[key] ?? key} ${Array.isArray(value) ? value.join('、') : value}`)
    .join('；');
}
