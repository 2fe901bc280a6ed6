import { createHash } from 'node:crypto';
import { ConflictError } from '../../shared/errors';
import type { CatalogCommand } from '../catalog.decider';
import type { CatalogState } from '../catalog.state';

/** A digest of what a form showed (the windows, or one category's requirements). */
export function shownVersion(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 16);
}

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
    '其他管理员在您打开本页后修改了这项内容，本次未保存。下面是您填写的内容；核对后再次保存将以本页内容为准。',
  );
}
