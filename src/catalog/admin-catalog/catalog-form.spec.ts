import type { ValidationError } from '../../shared/errors';
import { examDayAsMeant, examDaysAsMeant, numberOrNaN, toCommand, windowTimeAsMeant } from './catalog-form';

describe('the admin catalog forms, read as the admin meant them', () => {
  it('reads full-width digits in capacities and codes', () => {
    expect(toCommand({ action: 'capacity', siteCode: '7101', capacity: '１２０' })).toEqual({
      type: 'ChangeSiteCapacity',
      siteCode: '7101',
      capacity: 120,
    });
    const site = toCommand({
      action: 'open-site',
      siteCode: '７１０２',
      siteName: '台中考点',
      city: '台中市',
      address: '示例地址',
      siteCapacity: '３００',
    });
    expect(site).toMatchObject({ site: { code: '7102', areaCode: '71', capacity: 300 } });
    expect(toCommand({ action: 'open-area', newAreaCode: '７１', areaName: '台湾省' })).toMatchObject({ code: '71' });
    expect(toCommand({ action: 'offer-category', code: '２５０', name: 'x' })).toMatchObject({
      category: { code: '250' },
    });
  });

  it('leaves no number where none was typed: blank is not 0, and no other notation is read', () => {
    for (const typed of ['', ' ', '0x10', '1e3', '12.5', '-1', '１２．５'])
      expect(toCommand({ action: 'capacity', siteCode: '7101', capacity: typed })).toMatchObject({
        capacity: Number.NaN,
      });
    expect(numberOrNaN('0')).toBe(0);
  });

  it('reads an exam day written without padding, with slashes or in Chinese, as YYYY-MM-DD', () => {
    expect(examDayAsMeant('2027-8-21')).toBe('2027-08-21');
    expect(examDayAsMeant('2027/8/1')).toBe('2027-08-01');
    expect(examDayAsMeant('2027年8月21日')).toBe('2027-08-21');
    expect(examDayAsMeant('２０２７－０８－２１')).toBe('2027-08-21');
    expect(examDayAsMeant('2027-06-08')).toBe('2027-06-08');
  });

  it('leaves what is no day as typed, for the rules to name; an impossible day is only padded', () => {
    expect(examDayAsMeant('2027-8/21')).toBe('2027-8/21'); // mixed separators: not unambiguous
    expect(examDayAsMeant('8-21')).toBe('8-21');
    expect(examDayAsMeant('2027-123-1')).toBe('2027-123-1');
    expect(examDayAsMeant('2027-2-30')).toBe('2027-02-30');
  });

  it('splits the exam days as people separate them', () => {
    expect(examDaysAsMeant('2027-06-08, 2027-8-21')).toEqual(['2027-06-08', '2027-08-21']);
    expect(examDaysAsMeant('2027-06-08，2027-06-09、2027-06-10；2027-06-11　2027-06-12')).toHaveLength(5);
    expect(examDaysAsMeant('  ')).toEqual([]);
  });

  it('reads the windows’ times as Beijing time unless an offset is given, full-width digits folded', () => {
    const command = toCommand({
      action: 'windows',
      registrationOpensAt: '２０２７－０１－０５Ｔ０８：００：００＋０８：００',
    });
    expect(command).toMatchObject({ windows: { registrationOpensAt: '2027-01-05T08:00:00+08:00' } });
    expect(windowTimeAsMeant('2027-01-05 08:00')).toBe('2027-01-05T08:00:00+08:00');
    expect(windowTimeAsMeant('2027/1/31 17:00')).toBe('2027-01-31T17:00:00+08:00');
    expect(windowTimeAsMeant('２０２７－０１－３１　１７：００')).toBe('2027-01-31T17:00:00+08:00');
    // With its zone, it is kept as written: an unchanged form saves what it showed.
    expect(windowTimeAsMeant('2027-01-31T09:00:00.250Z')).toBe('2027-01-31T09:00:00.250Z');
  });

  it('keeps a time in the catalog’s form as written, to the millisecond, and reads other zones written', () => {
    for (const typed of ['2027-01-31T17:00:00.000+08:00', '2027-01-31T11:30:00+05:30', '2027-01-31T09:00:00Z'])
      expect(windowTimeAsMeant(typed)).toBe(typed);
    expect(windowTimeAsMeant('2027年1月31日 17:00')).toBe('2027-01-31T17:00:00+08:00');
    // Written with its zone, but not in the catalog's form: read, not refused.
    for (const typed of [
      '2027-01-31 17:00+08:00',
      '2027/01/31 17:00 +08:00',
      '2027-01-31T17:00+0800',
      '2027-01-31T09:00z',
    ])
      expect(windowTimeAsMeant(typed)).toBe('2027-01-31T17:00:00+08:00');
  });

  it('refuses a date without a time, and what is no time, in the page’s own terms', () => {
    expect(windowTimeAsMeant('2027-01-31')).toBe('2027-01-31');
    const refused = (typed: string) => {
      try {
        toCommand({ action: 'windows', registrationOpensAt: typed, examDates: '2027-06-08' });
        return [];
      } catch (error) {
        return (error as ValidationError).fields.map((field) => `${field.field}: ${field.message}`);
      }
    };
    expect(refused('2027-01-31')).toContain(
      'registrationOpensAt: 报名开始时间“2027-01-31”无法识别，请按北京时间填写，如 2027-01-31 17:00',
    );
    expect(refused('下周一')[0]).toContain('“下周一”无法识别');
    expect(refused('2027-02-30 17:00')[0]).toContain('“2027-02-30 17:00”无法识别');
  });
});
