import type { CatalogView } from './catalog-queries';

/** The areas and sites of the scheduled sessions, by code: where staff may be scoped, and what to call it. */
export interface PlaceNames {
  areas: ReadonlyMap<string, string>;
  sites: ReadonlyMap<string, string>;
}

/** Every area and site of these sessions; a code in several sessions takes the name of the first listed (the newest). */
export function placeNamesOf(views: readonly CatalogView[]): PlaceNames {
  const areas = new Map<string, string>();
  const sites = new Map<string, string>();
  for (const view of views)
    for (const area of view.areas) {
      if (!areas.has(area.code)) areas.set(area.code, area.name);
      for (const site of area.sites) if (!sites.has(site.code)) sites.set(site.code, site.name);
    }
  return { areas, sites };
}

/**
 * A staff member's scope as people read it, code and name: 考区 11 北京市, 考点 1101 东城区考点.
 * A code no catalog has (an account created before scopes were checked) says so. Empty: no scope.
 */
export function scopeText(
  scope: { areaCode?: string | null; siteCode?: string | null } | null | undefined,
  names: PlaceNames,
): string {
  const named = (kind: string, code: string, name: string | undefined) =>
    name ? `${kind} ${code} ${name}` : `${kind} ${code}（考试目录中没有）`;
  return [
    scope?.areaCode ? named('考区', scope.areaCode, names.areas.get(scope.areaCode)) : '',
    scope?.siteCode ? named('考点', scope.siteCode, names.sites.get(scope.siteCode)) : '',
  ]
    .filter(Boolean)
    .join('，');
}
