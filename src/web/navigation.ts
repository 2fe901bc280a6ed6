import type { Principal, Role } from '../infrastructure/http/principal';

export interface NavItem {
  href: string;
  label: string;
  current: boolean;
}

type Audience = Role | 'anonymous';

interface NavEntry {
  href: string;
  label: string;
  /** Who sees the link. Slices add their entries here (staff review, audit…). */
  audience: readonly Audience[];
}

/** The header's menu, in order. Sign-in, sign-up and sign-out are drawn by the layout itself. */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { href: '/', label: '首页', audience: ['anonymous', 'candidate', 'staff', 'auditor', 'admin'] },
  { href: '/profile', label: '个人信息', audience: ['anonymous', 'candidate'] },
  { href: '/enrollment', label: '考试报名', audience: ['anonymous', 'candidate'] },
  { href: '/staff/review', label: '资格审核', audience: ['staff', 'admin'] },
  { href: '/staff/cases', label: '身份争议', audience: ['staff'] },
  { href: '/audit', label: '审计', audience: ['auditor'] },
  { href: '/admin/staff', label: '账号管理', audience: ['admin'] },
  { href: '/admin/catalog', label: '考试设置', audience: ['admin'] },
  { href: '/admin/directory', label: '名录管理', audience: ['admin'] },
  { href: '/security', label: '安全设置', audience: ['candidate'] },
  // Staff, auditors and admins change their password on their own page.
  { href: '/staff/security', label: '安全设置', audience: ['staff', 'auditor', 'admin'] },
];

/** A link is current on its own path and below it (`/enrollment/step-2` keeps 考试报名 current). */
function isCurrent(href: string, currentPath: string): boolean {
  if (href === '/') return currentPath === '/';
  return currentPath === href || currentPath.startsWith(`${href}/`);
}

export function navItems(principal: Principal | undefined, currentPath: string): NavItem[] {
  const audience: Audience = principal?.role ?? 'anonymous';
  return NAV_ENTRIES.filter((entry) => entry.audience.includes(audience)).map((entry) => ({
    href: entry.href,
    label: entry.label,
    current: isCurrent(entry.href, currentPath),
  }));
}
