import type { CatalogView } from '../../catalog/catalog-queries';
import type { CatalogSession } from '../../catalog/catalog.state';
import type { StaffScope } from '../../infrastructure/http/principal';
import type { TableQuery } from '../enrollment-queries';

/** The session selector's options, newest code first; a code the catalog lacks is shown as such. */
export function staffSessionOptions(sessions: CatalogSession[], shown: string) {
  const options = sessions
    .map((session) => ({ value: session.sessionCode, label: `${session.name}（${session.sessionCode}）` }))
    .sort((a, b) => b.value.localeCompare(a.value));
  return withShown(options, shown, options, '（目录中没有此考试）');
}

interface Option {
  value: string;
  label: string;
}

/**
 * The options, with the value the URL names first when they lack it: as the catalog names it (a
 * site of another area than the one chosen), or said to be missing from the catalog, never as 全部.
 */
function withShown(
  options: Option[],
  shown: string | undefined,
  known = options,
  missing = '（目录中没有）',
): Option[] {
  if (!shown || options.some((option) => option.value === shown)) return options;
  const named = known.find((option) => option.value === shown) ?? { value: shown, label: `${shown}${missing}` };
  return [named, ...options];
}

/**
 * The table's filters as choices from the session's catalog, within the staff member's scope: an
 * area's staff choose among its sites, a site's staff only the category; sites follow the area chosen.
 */
export function staffFilterOptions(view: CatalogView | undefined, scope: StaffScope | undefined, query: TableQuery) {
  const areaCode = scope?.areaCode ?? query.areaCode;
  const areas = (view?.areas ?? []).filter((area) => !scope?.areaCode || area.code === scope.areaCode);
  const sitesOf = (within: typeof areas) => within.flatMap((area) => area.sites.map(choice));
  const sites = sitesOf(areas.filter((area) => !areaCode || area.code === areaCode));
  return {
    areas: scope?.areaCode || scope?.siteCode ? undefined : withShown(areas.map(choice), query.areaCode),
    sites: scope?.siteCode ? undefined : withShown(sites, query.siteCode, sitesOf(areas)),
    categories: withShown((view?.categories ?? []).map(choice), query.categoryCode),
  };
}

const choice = (entry: { code: string; name: string }): Option => ({
  value: entry.code,
  label: `${entry.code} ${entry.name}`,
});

/**
 * The page's query without an area or site outside the staff member's scope (an old link, another
 * colleague's URL): the table then shows their own scope, as its selects say, not an empty list.
 */
export function withinScope(
  query: TableQuery,
  scope: StaffScope | undefined,
  view: CatalogView | undefined,
): TableQuery {
  const inArea = (siteCode: string) =>
    view?.areas.some((area) => area.code === scope?.areaCode && area.sites.some((site) => site.code === siteCode));
  // A site's staff work in the site's area only (its code begins with the area's).
  const ownArea = scope?.areaCode ?? scope?.siteCode?.slice(0, 2);
  const areaCode = ownArea && query.areaCode !== ownArea ? undefined : query.areaCode;
  const siteOutside =
    (scope?.siteCode && query.siteCode !== scope.siteCode) ||
    (scope?.areaCode && query.siteCode && !inArea(query.siteCode));
  return { ...query, areaCode, siteCode: siteOutside ? undefined : query.siteCode };
}
