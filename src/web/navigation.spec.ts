import { navItems } from './navigation';

const principal = (role: 'candidate' | 'staff' | 'auditor' | 'admin') => ({
  role,
  id: 'x',
  username: 'u',
  sessionId: 's',
});

describe('navItems', () => {
  it('shows the candidate journey to visitors and candidates, marking the current section', () => {
    expect(navItems(undefined, '/enrollment/step-2').map((item) => [item.label, item.current])).toEqual([
      ['首页', false],
      ['个人信息', false],
      ['考试报名', true],
    ]);
    expect(navItems(principal('candidate'), '/').map((item) => item.href)).toEqual([
      '/',
      '/profile',
      '/enrollment',
      '/security',
    ]);
  });

  it('does not offer candidate pages to staff, and offers each role its own work', () => {
    expect(navItems(principal('staff'), '/').map((item) => item.href)).toEqual([
      '/',
      '/staff/review',
      '/staff/cases',
      '/staff/security',
    ]);
    expect(navItems(principal('auditor'), '/').map((item) => item.href)).toEqual(['/', '/audit', '/staff/security']);
    expect(navItems(principal('admin'), '/admin/catalog/2027').map((item) => [item.href, item.current])).toEqual([
      ['/', false],
      ['/staff/review', false],
      ['/admin/staff', false],
      ['/admin/catalog', true],
      ['/admin/directory', false],
      ['/staff/security', false],
    ]);
  });
});
