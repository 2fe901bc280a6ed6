import type { CatalogView } from './catalog-queries';
import { placeNamesOf, scopeText } from './catalog-place-names';

const view = (sessionCode: string, areaName: string, siteName: string) =>
  ({
    session: { sessionCode },
    categories: [],
    areas: [{ code: '11', name: areaName, sites: [{ code: '1101', areaCode: '11', name: siteName }] }],
  }) as unknown as CatalogView;

describe('places by code, for staff scopes', () => {
  const names = placeNamesOf([view('2028', '北京市', '东城区考点'), view('2027', '北京', '东城考点（旧名）')]);

  it('names an area or a site by its code and its name in the newest session', () => {
    expect(scopeText({ areaCode: '11' }, names)).toBe('考区 11 北京市');
    expect(scopeText({ siteCode: '1101' }, names)).toBe('考点 1101 东城区考点');
    expect(scopeText({ areaCode: '11', siteCode: '1101' }, names)).toBe('考区 11 北京市，考点 1101 东城区考点');
  });

  it('says so for a code no catalog has, and nothing for no scope', () => {
    expect(scopeText({ siteCode: '9999' }, names)).toBe('考点 9999（考试目录中没有）');
    expect(scopeText(null, names)).toBe('');
    expect([...names.sites.keys()]).toEqual(['1101']);
  });
});
