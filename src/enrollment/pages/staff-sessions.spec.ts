import type { CatalogView } from '../../catalog/catalog-queries';
import { staffFilterOptions, staffSessionOptions, withinScope } from './staff-sessions';
import { catalogSession as session } from '../testing/catalog-session.fixture';

describe('the session selector', () => {
  const sessions = [session('2027', '2027-01-05T00:00:00Z'), session('2028', '2028-01-05T00:00:00Z')];
  it('lists the sessions newest first', () => {
    expect(staffSessionOptions(sessions, '2027')).toEqual([
      { value: '2028', label: '2028年医师资格考试（2028）' },
      { value: '2027', label: '2027年医师资格考试（2027）' },
    ]);
  });
  it('says so when the URL names a session the catalog lacks, rather than showing another as chosen', () => {
    expect(staffSessionOptions(sessions, '2099')[0]).toEqual({ value: '2099', label: '2099（目录中没有此考试）' });
  });
});

describe('the table’s filters', () => {
  const site = (code: string, areaCode: string) => ({ code, areaCode, name: `第${code}考点` });
  const view = {
    categories: [
      { code: '110', name: '临床执业医师' },
      { code: '210', name: '临床执业助理医师' },
    ],
    areas: [
      { code: '11', name: '北京市', sites: [site('1101', '11'), site('1102', '11')] },
      { code: '44', name: '广东省', sites: [site('4401', '44')] },
    ],
  } as unknown as CatalogView;
  const query = { sessionCode: '2027' };
  const values = (options: Array<{ value: string }> | undefined) => options?.map((option) => option.value);

  it('offers national staff every area, site and category of the session', () => {
    const filters = staffFilterOptions(view, undefined, query);
    expect(values(filters.areas)).toEqual(['11', '44']);
    expect(filters.areas![0].label).toBe('11 北京市');
    expect(values(filters.sites)).toEqual(['1101', '1102', '4401']);
    expect(values(filters.categories)).toEqual(['110', '210']);
  });
  it('offers the sites of the area chosen, keeping a site of another area the URL names', () => {
    expect(values(staffFilterOptions(view, undefined, { ...query, areaCode: '44' }).sites)).toEqual(['4401']);
    const mixed = staffFilterOptions(view, undefined, { ...query, areaCode: '44', siteCode: '1101' }).sites!;
    expect(mixed).toEqual([
      { value: '1101', label: '1101 第1101考点' },
      { value: '4401', label: '4401 第4401考点' },
    ]);
  });
  it('keeps an area’s staff to their sites and a site’s staff to the category', () => {
    const area = staffFilterOptions(view, { areaCode: '44' }, query);
    expect([area.areas, values(area.sites)]).toEqual([undefined, ['4401']]);
    const siteOnly = staffFilterOptions(view, { siteCode: '1101' }, query);
    expect([siteOnly.areas, siteOnly.sites, values(siteOnly.categories)]).toEqual([
      undefined,
      undefined,
      ['110', '210'],
    ]);
  });
  it('leaves out an area or site the URL names outside the staff member’s scope', () => {
    const asked = { ...query, areaCode: '44', siteCode: '4401' };
    expect(withinScope(asked, { areaCode: '11' }, view)).toMatchObject({ areaCode: undefined, siteCode: undefined });
    expect(withinScope({ ...query, siteCode: '1102' }, { areaCode: '11' }, view).siteCode).toBe('1102');
    expect(withinScope({ ...query, siteCode: '1102' }, { siteCode: '1101' }, view).siteCode).toBeUndefined();
    // A site's staff with another area in the URL: their own site, not an empty list.
    expect(withinScope({ ...query, areaCode: '12' }, { siteCode: '1101' }, view).areaCode).toBeUndefined();
    expect(withinScope({ ...query, areaCode: '11' }, { siteCode: '1101' }, view).areaCode).toBe('11');
    expect(withinScope(asked, undefined, view)).toEqual(asked);
  });
  it('shows a code the catalog lacks as such rather than as 全部', () => {
    expect(staffFilterOptions(view, undefined, { ...query, categoryCode: '999' }).categories![0]).toEqual({
      value: '999',
      label: '999（目录中没有）',
    });
    expect(staffFilterOptions(undefined, undefined, query)).toEqual({ areas: [], sites: [], categories: [] });
  });
});
