import type { Principal } from '../infrastructure/http/principal';
import { ForbiddenError } from '../shared/errors';

/** The exam area a staff member works in: their area, or the area their site belongs to (site codes start with it). */
export function staffAreaOf(principal: Principal): string | null {
  const scope = principal.scope;
  if (scope?.areaCode) return scope.areaCode;
  if (scope?.siteCode) return scope.siteCode.slice(0, 2);
  return null;
}

export class OutOfScopeError extends ForbiddenError {
  constructor() {
    super('OUT_OF_SCOPE', '该案件不在您负责的考区内');
  }
}

/** Cases without an area (documents other than the 居民身份证) are open to every staff member. */
export function assertInScope(principal: Principal, caseArea: string | null): void {
  const area = staffAreaOf(principal);
  if (caseArea !== null && area !== null && caseArea !== area) throw new OutOfScopeError();
}
