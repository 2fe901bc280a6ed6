import { initialEnrollmentState, type EnrollmentState } from '../enrollment.state';
import { outdatedLinks, reviewRows } from './enrollment-step-views';
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
    expect(rows['手机号码']).toMatchObject({ value: '138****8000', href: '/enrollment/2027/step/2' });
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
