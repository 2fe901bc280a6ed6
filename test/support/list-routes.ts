import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { ROLES_KEY, type RouteAccess } from '../../src/infrastructure/http/roles.decorator';

export interface RouteDeclaration {
  method: string;
  path: string;
  controller: string;
  handler: string;
  /** undefined: the route declares neither @Roles nor @Public (the RolesGuard refuses it). */
  roles: RouteAccess[] | undefined;
}

const asArray = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [String(value ?? '')]);

function joinPath(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every controller route of the app with the access it declares, the way the RolesGuard reads
 * it (the handler's declaration, else the controller's). For RBAC-matrix tests:
 * `expect(listRoutes(app).filter((r) => !r.roles)).toEqual([])`.
 */
export function listRoutes(app: INestApplication): RouteDeclaration[] {
  const scanner = new MetadataScanner();
  const routes: RouteDeclaration[] = [];
  for (const moduleRef of app.get(ModulesContainer).values()) {
    for (const wrapper of moduleRef.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as RouteAccess[] | undefined;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) as RouteAccess[] | undefined) ?? classRoles;
        for (const prefix of asArray(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const path of asArray(paths)) {
            routes.push({ method, path: joinPath(prefix, path), controller: controller.name, handler: name, roles });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
