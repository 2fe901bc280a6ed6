import type { FieldError, ValidationError } from '../shared/errors';
import type { SessionWindows } from './catalog.events';
import { validateArea, validateCategory, validateSite, validateWindows, type SiteInput } from './catalog-validation';
import { sessionWindowsFixture as windows } from './testing/session-windows.fixture';

/** The field errors a rule reports, or none. */
function fieldErrors(check: () => void): FieldError[] {
  try {
    check();
  } catch (error) {
    return (error as ValidationError).fields;
  }
  return [];
}
const messages = (check: () => void) => fieldErrors(check).map(({ field, message }) => `${field} ${message}`);

describe('the catalog’s rules name the field they refuse', () => {
  const site: SiteInput = {
    code: '1104',
    areaCode: '11',
    city: '丰台区',
    name: '丰台区考点',
    address: '丰台区示例路4号',
    capacity: 300,
  };

  it('names each empty text of a new site, and reports a bad capacity with them', () => {
    expect(messages(() => validateSite({ ...site, city: '', address: ' ', capacity: Number.NaN }))).toEqual([
      'city 请填写所在城市',
      'address 请填写地址',
      'capacity 容量须为0至100000的整数',
    ]);
    expect(messages(() => validateSite({ ...site, name: '' }))).toEqual(['name 请填写考点名称']);
    expect(fieldErrors(() => validateSite({ ...site, city: '' }))[0].code).toBe('REQUIRED'); // the API's code
    expect(messages(() => validateSite(site))).toEqual([]);
  });

  it('names the area and category fields', () => {
    expect(messages(() => validateArea('1', ''))).toEqual([
      'code 考区代码为2位省级行政区划代码',
      'name 请填写考区名称',
    ]);
    const category = {
      code: '110',
      name: ' ',
      level: '执业医师' as const,
      requirements: { minimumEducation: '本科' as const, trainingRequired: false, certificatesRequired: false },
    };
    expect(messages(() => validateCategory(category))).toEqual(['name 请填写类别名称']);
  });
});

describe('the windows’ dates, each named as what is wrong with it', () => {
  const refused = (changed: Partial<SessionWindows>) => messages(() => validateWindows({ ...windows, ...changed }));

  it('names the window whose time is empty, malformed or does not exist', () => {
    expect(refused({ registrationOpensAt: '' })).toContain('registrationOpensAt 请填写报名开始时间');
    expect(refused({ withdrawalDeadline: '2027-01-31 17:00' })).toEqual([
      'withdrawalDeadline 放弃报考、修改考点截止时间“2027-01-31 17:00”格式应为 2027-01-31T17:00:00+08:00',
    ]);
    expect(refused({ registrationClosesAt: '2027-02-31T17:00:00+08:00' })).toEqual([
      'registrationClosesAt 报名截止时间“2027-02-31T17:00:00+08:00”不存在',
    ]);
  });

  it('tells an empty exam day list from a malformed or impossible entry, naming the entries', () => {
    expect(refused({ examDates: [] })).toEqual(['examDates 请填写考试日期']);
    expect(refused({ examDates: ['2027-06-08', '2027-8-21', '6月9日'] })).toEqual([
      'examDates 考试日期“2027-8-21”、“6月9日”格式应为 YYYY-MM-DD',
    ]);
    expect(refused({ examDates: ['2027-06-08', '2027-02-30'] })).toEqual(['examDates 考试日期“2027-02-30”不存在']);
    expect(fieldErrors(() => validateWindows({ ...windows, examDates: ['x'] }))[0].code).toBe('INVALID_DATE');
  });

  it('reports a bad exam day with the other windows’ problems, at once', () => {
    expect(refused({ registrationOpensAt: 'soon', examDates: ['2027-13-01'] })).toEqual([
      'registrationOpensAt 报名开始时间“soon”格式应为 2027-01-31T17:00:00+08:00',
      'examDates 考试日期“2027-13-01”不存在',
    ]);
  });

  it('cuts a long typed value short in its message', () => {
    const [message] = refused({ examDates: ['9'.repeat(100)] });
    expect(message).toBe(`examDates 考试日期“${'9'.repeat(40)}…”格式应为 YYYY-MM-DD`);
  });
});
