import { DomainError, ForbiddenError } from '../shared/errors';
import type { Actor } from '../shared/messages';
import { EDUCATION_LEVELS, type EducationLevel, type SessionWindows } from '../catalog/catalog.events';

/** Staff and admins act for candidates after the deadlines; every such change names them. */
export const actsAsStaff = (actor: Actor): boolean => actor.role === 'staff' || actor.role === 'admin';

/** Starting, the six steps and submission: inside the registration window. */
export function requireRegistrationOpen(windows: SessionWindows, now: Date, actor: Actor): void {
  if (actsAsStaff(actor)) return;
  if (now.getTime() < Date.parse(windows.registrationOpensAt))
    throw new DomainError('REGISTRATION_NOT_OPEN', '报名尚未开始');
  if (now.getTime() >= Date.parse(windows.registrationClosesAt))
    throw new DomainError('REGISTRATION_CLOSED', '报名已截止');
}

/** 放弃报考 and 修改考点: until the withdrawal deadline. */
export function requireBeforeWithdrawalDeadline(windows: SessionWindows, now: Date, actor: Actor): void {
  if (actsAsStaff(actor)) return;
  if (now.getTime() >= Date.parse(windows.withdrawalDeadline))
    throw new DomainError('DEADLINE_PASSED', '已过放弃报考和修改考点的截止时间，如需修改请联系考点工作人员');
}

export function requireStaff(actor: Actor): void {
  if (!actsAsStaff(actor)) throw new DomainError('STAFF_ONLY', '只有考务工作人员可以执行此操作');
}

/**
 * Where a staff member may decide: every site ('all': admins and staff without a scope, the
 * national office), one exam area (its sites' codes begin with the area's two digits) or one site.
 */
export type SiteScope = 'all' | { areaCode?: string; siteCode?: string };

export function siteInScope(scope: SiteScope, siteCode: string | null): boolean {
  if (scope === 'all') return true;
  if (scope.siteCode) return siteCode === scope.siteCode;
  if (scope.areaCode) return siteCode !== null && siteCode.slice(0, 2) === scope.areaCode;
  return true;
}

export function requireSiteInScope(scope: SiteScope, siteCode: string | null): void {
  if (!siteInScope(scope, siteCode)) throw new ForbiddenError('OUT_OF_SCOPE', '该考生不在您负责的考区或考点');
}

/** The level of a degree as profiles write it (本科, 学士, 大专, 专科, 硕士研究生…); null if unknown. */
export function educationLevelOf(degree: string): EducationLevel | null {
  if (/博士/.test(degree)) return '博士研究生';
  if (/硕士|研究生/.test(degree)) return '硕士研究生';
  if (/本科|学士/.test(degree)) return '本科';
  if (/大专|专科|高职/.test(degree)) return '大专';
  if (/中专|中等专业|中职/.test(degree)) return '中专';
  return null;
}

export function meetsMinimum(level: EducationLevel | null, minimum: EducationLevel): boolean {
  return level !== null && EDUCATION_LEVELS.indexOf(level) >= EDUCATION_LEVELS.indexOf(minimum);
}

export function highestEducation(degrees: string[]): EducationLevel | null {
  let best: EducationLevel | null = null;
  for (const degree of degrees) {
    const level = educationLevelOf(degree);
    if (level && (best === null || EDUCATION_LEVELS.indexOf(level) > EDUCATION_LEVELS.indexOf(best))) best = level;
  }
  return best;
}
