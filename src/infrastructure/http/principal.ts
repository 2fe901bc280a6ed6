import type { Request } from './http-types';
import type { ActorRole } from '../../shared/messages';

export type Role = 'candidate' | 'staff' | 'auditor' | 'admin';

/** Where a staff member may act: a whole exam area (province) or one site. */
export interface StaffScope {
  areaCode?: string;
  siteCode?: string;
}

/** The signed-in user, set on the request by the session middleware (accounts slice). */
export interface Principal {
  role: Role;
  /** candidateId for candidates, the staff account id otherwise. */
  id: string;
  username: string;
  scope?: StaffScope;
  sessionId: string;
}

/** Kept for the handlers that name it; the fields are on every request now (http-types). */
export type RequestWithPrincipal = Request;

export function actorRoleOf(principal: Principal | undefined): ActorRole {
  return principal?.role ?? 'anonymous';
}
