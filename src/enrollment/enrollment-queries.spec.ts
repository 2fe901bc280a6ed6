import { csvCell } from './enrollment-csv';
import { EnrollmentQueries } from './enrollment-queries';
import { coversSite } from './staff-review/enrollment-review.service';
import type { Principal } from '../infrastructure/http/principal';

describe('staff scope', () => {
  const query = { sessionCode: '2027' };
  it('narrows the enrollment table to the staff member’s area or site', () => {
    expect(EnrollmentQueries.filterFor(query, { areaCode: '11' })).toMatchObject({
      sessionCode: '2027',
      areaCode: '11',
    });
    expect(EnrollmentQueries.filterFor({ ...query, status: 'submitted' }, { siteCode: '1101' })).toMatchObject({
      siteCode: '1101',
      status: 'submitted',
    });
  });
  it('leaves out drafts and enrollments started again but not yet submitted', () => {
    expect(EnrollmentQueries.filterFor(query, undefined)).toEqual({ sessionCode: '2027', submittedAt: { $ne: '' } });
  });
  it('finds nothing when asked about another area', () => {
    expect(EnrollmentQueries.filterFor({ ...query, areaCode: '44' }, { areaCode: '11' })).toMatchObject({
      enrollmentId: { $in: [] },
    });
  });
  it('lets national staff and admins filter freely', () => {
    expect(EnrollmentQueries.filterFor({ ...query, areaCode: '44' }, undefined)).toMatchObject({ areaCode: '44' });
  });
  it('decides which sites a reviewer covers', () => {
    const staff = (scope: Principal['scope']): Principal => ({
      role: 'staff',
      id: 's',
      username: 's',
      sessionId: 'x',
      scope,
    });
    expect(coversSite(staff({ areaCode: '11' }), '1102')).toBe(true);
    expect(coversSite(staff({ areaCode: '11' }), '4401')).toBe(false);
    expect(coversSite(staff({ siteCode: '1101' }), '1102')).toBe(false);
    expect(coversSite(staff({ areaCode: '11' }), null)).toBe(false);
    expect(coversSite({ ...staff(undefined), role: 'admin' }, '4401')).toBe(true);
  });
});

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks', () => expect(csvCell('张三,"李"\n')).toBe('"张三,""李""\n"'));
  it('neutralises spreadsheet formulas', () => expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"'));
  it('writes empty for null', () => expect(csvCell(null)).toBe(''));
});
