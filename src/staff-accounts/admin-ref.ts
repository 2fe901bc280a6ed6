import type { Principal, RequestWithPrincipal } from '../infrastructure/http/principal';
import type { AdminRef } from './staff-accounts.events';

/** The signed-in admin behind a decision (routes guarded by @Roles('admin')). */
export function adminRef(req: RequestWithPrincipal): AdminRef {
  const admin = req.principal as Principal;
  return { id: admin.id, username: admin.username };
}
