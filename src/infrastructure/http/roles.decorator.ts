import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ROLES_KEY = 'yikao:roles';
export const PUBLIC_ROLE = 'public';

export type RouteAccess = Role | typeof PUBLIC_ROLE;

/**
 * Every route declares who may use it: `@Roles('candidate')`, `@Roles('staff', 'admin')`,
 * or `@Public()`. The global RolesGuard refuses routes without a declaration.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(ROLES_KEY, [PUBLIC_ROLE]);
