import { initialEnrollmentState, type EnrollmentState } from '../enrollment.state';
import { initialCatalogState, type CatalogState } from '../../catalog/catalog.state';
import { areaOptions, catalogChanges, outdatedLinks, reviewRows } from './enrollment-step-views';
import { basicInfoFixture } from '../testing/basic-info.fixture';

const filled = (status: EnrollmentState['status'], more: Partial<EnrollmentState> = {}): EnrollmentState => ({
  ...initialEnrollmentState(),
  status,
  category: { code: '110', name: '临床执业医师', level: '执业医师' },
  basicInfo: {
    ...basicInfoFixture,
    email: 'z@example.cn',
    address: '北京市东城区',
    postcode: '100010',
  },
  employment: { status: '在职', employer: '某医院', department: '内科', position: '医师' },
  qualifications: { education: [], training: [] },
  certificates: [],
  site: { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点' },
  ...more,
});
const byKey = (rows: ReturnType<typeof reviewRows>) => Object.fromEntries(rows.map((row) => [row.key, row]));

describe('the check page (核对报名信息)', () => {
  it('shows what steps 2 and 3 confirmed, linking to them but not from the name and ID (registration only)', () => {
    const rows = byKey(reviewRows('2027', filled('draft')));
    expect(rows['邮政编码']).toMatchObject({ value: '100010', href: '/enrollment/2027/step/2' });
    expect(rows['联系电话']).toMatchObject({ value: '138****8000', href: '/enrollment/2027/step/2' });
    expect(rows['科室']).toMatchObject({ value: '内科', href: '/enrollment/2027/step/3' });
    expect(rows['姓名'].href).toBeUndefined();
    expect(rows['证件号码'].href).toBeUndefined();
  });

  it('links no step beyond the first still to do', () => {
    const rows = byKey(reviewRows('2027', filled('draft', { qualificationsDraft: { education: [], training: [] } })));
    expect(rows['教育经历'].href).toBe('/enrollment/2027/step/4');
    expect(rows['证书情况'].href).toBeUndefined();
    expect(rows['考点'].href).toBeUndefined();
  });

  it('links nothing once submitted', () => {
    expect(reviewRows('2027', filled('submitted')).filter((row) => 'href' in row && row.href)).toEqual([]);
  });

  it('lists the steps corrected on 个人信息 since, linking none beyond the first step still to do', () => {
    const saved = filled('draft', { qualificationsDraft: { education: [], training: [] } });
    expect(outdatedLinks('2027', saved, [2, 5])).toEqual([
      { label: '第二步“核实基本情况”', href: '/enrollment/2027/step/2' },
      { label: '第五步“选择证书情况”', href: undefined },
    ]);
  });
});

describe('the 考区 offered in step 6 and 修改考点', () => {
  const site = (code: string, open: boolean) => ({
    code,
    areaCode: code.slice(0, 2),
    city: '',
    name: code,
    address: '',
    capacity: 10,
    open,
  });
  const catalog: CatalogState = {
    ...initialCatalogState(),
    areas: {
      '12': { code: '12', name: '天津市' },
      '11': { code: '11', name: '北京市' },
      '99': { code: '99', name: '测试考区' },
    },
    sites: { '1101': site('1101', true), '1201': site('1201', true), '9901': site('9901', false) },
  };

  it('leaves out an area whose every site stopped, in code order', () =>
    expect(areaOptions(catalog, '').map((option) => option.value)).toEqual(['11', '12']));

  it('keeps the area shown, whose sites may all have stopped since the candidate chose one', () =>
    expect(areaOptions(catalog, '99')).toContainEqual({ value: '99', label: '测试考区', selected: true }));
});

describe('what the check page says the catalog changed', () => {
  const clinical = {
    code: '110',
    name: '临床执业医师',
    level: '执业医师' as const,
    requirements: { minimumEducation: '本科' as const, trainingRequired: false, certificatesRequired: false },
    offered: true,
  };
  const site = { code: '1101', areaCode: '11', city: '', name: '东城区考点', address: '', capacity: 10, open: true };
  const catalogWith = (category: Partial<typeof clinical>, open = true): CatalogState => ({
    ...initialCatalogState(),
    categories: { '110': { ...clinical, ...category } },
    sites: { '1101': { ...site, open } },
  });
  const free = (remaining: number) => [{ siteCode: '1101', remaining }];
  const education = [{ id: 'e', school: 's', major: 'm', degree: '大学本科', from: '', to: '' }];
  const draft = filled('draft', { qualifications: { education, training: [] } });

  it('says nothing while the category and the site are as they were', () =>
    expect(catalogChanges('2027', draft, catalogWith({}), free(3))).toEqual([]));

  it('sends a draft to choose another category, and a rejected enrollment to 放弃报考 first', () => {
    expect(catalogChanges('2027', draft, catalogWith({ offered: false }), free(3))).toEqual([
      expect.objectContaining({ href: '/enrollment/2027/categories', linkText: '重新选择报考类别' }),
    ]);
    const rejected = { ...draft, status: 'rejected' as const, seatSiteCode: '1101' };
    expect(catalogChanges('2027', rejected, catalogWith({ offered: false }), free(3))).toEqual([
      expect.objectContaining({ href: '/enrollment/2027/withdraw', linkText: '放弃报考' }),
    ]);
  });

  it('links the step whose choice no longer meets raised requirements', () => {
    const stricter = catalogWith({ requirements: { ...clinical.requirements, certificatesRequired: true } });
    expect(catalogChanges('2027', draft, stricter, free(3))).toEqual([
      expect.objectContaining({ href: '/enrollment/2027/step/5' }),
    ]);
  });

  it('names a chosen site stopped or full, unless the enrollment holds its seat there', () => {
    expect(catalogChanges('2027', draft, catalogWith({}, false), free(3))[0].message).toContain('已停止报名');
    expect(catalogChanges('2027', draft, catalogWith({}), free(0))[0].message).toContain('名额已满');
    const seated = { ...draft, status: 'rejected' as const, seatSiteCode: '1101' };
    expect(catalogChanges('2027', seated, catalogWith({}, false), free(0))).toEqual([]);
  });
});
