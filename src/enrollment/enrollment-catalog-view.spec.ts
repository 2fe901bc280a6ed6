import type { CatalogReader } from '../catalog/catalog-reader';
import type { CatalogCategory } from '../catalog/catalog.state';
import type { EnrollmentProfiles } from './candidate-profile/enrollment-profiles.port';
import { EnrollmentCatalogView } from './enrollment-catalog-view';

const category = (code: string, name: string): CatalogCategory => ({
  code,
  name,
  level: '执业医师',
  requirements: { minimumEducation: '本科', trainingRequired: false, certificatesRequired: false },
  offered: true,
});

describe('the categories a candidate may choose, searched', () => {
  const categories = {
    '110': category('110', '临床执业医师'),
    '120': category('120', '口腔执业医师'),
    '191': category('191', '临床执业医师（乡村全科方向）'),
  };
  const catalogs = { loadScheduled: () => Promise.resolve({ categories }) } as unknown as CatalogReader;
  const profiles = {
    get: () => Promise.resolve({ education: [{ degree: '学士' }] }),
  } as unknown as EnrollmentProfiles;
  const search = async (q: string) =>
    (await new EnrollmentCatalogView(catalogs, profiles).openCategories('2027', 'c1', q)).map((c) => c.code);

  it('reads a code typed with a Chinese IME or with spaces as the code', async () => {
    expect(await search('１１０')).toEqual(['110']);
    expect(await search(' 1 10 ')).toEqual(['110']);
  });

  it('finds a name by its own full-width brackets, typed either way', async () => {
    expect(await search('（乡村')).toEqual(['191']);
    expect(await search('(乡村全科方向)')).toEqual(['191']);
    expect(await search('临床')).toEqual(['110', '191']);
  });
});
