import type { RouteAccess } from '../../src/infrastructure/http/roles.decorator';
import { listRoutes, type RouteDeclaration } from '../support/list-routes';
import { ADMIN, type Session, type StaffAuditApp, residentId, startStaffAuditApp, VALID } from './staff-audit-support';

type Who = 'anonymous' | 'candidate' | 'staff' | 'auditor' | 'admin';
const SIGNED_IN: RouteAccess[] = ['candidate', 'staff', 'auditor', 'admin'];
const PUBLIC: RouteAccess[] = ['public'];

/**
 * Who may reach each route, declared here independently of the controllers, per route prefix:
 * first matching rule wins. A route no rule matches fails the test until it is added here.
 */
const MATRIX: Array<[RegExp, RouteAccess[]]> = [
  [/^\w+ \/api\/audit(\/|$)/, ['auditor']],
  [/^\w+ \/audit(\/|$)/, ['auditor']],
  // Admins: every area's cases (an exam office's head); staff: their area's and those with none.
  [/^\w+ \/api\/staff\/(identity-cases|candidates)(\/|$)/, ['staff', 'admin']],
  [/^\w+ \/staff\/cases(\/|$)/, ['staff', 'admin']],
  [/^\w+ \/api\/staff\/(enrollments|tickets|seat-check)(\/|\.|$)/, ['staff', 'admin']],
  [/^\w+ \/staff\/(review|seat-check)(\/|$)/, ['staff', 'admin']],
  [/^\w+ \/staff\/security$/, ['staff', 'auditor', 'admin']],
  [/^\w+ \/staff\/login$/, PUBLIC],
  [/^POST \/api\/staff-accounts\/login$/, PUBLIC],
  [/^POST \/(api\/admin\/staff-accounts|admin\/staff)\/:staffId\/(disable|enable)$/, ['admin']],
  [/^\w+ \/api\/admin\//, ['admin']],
  [/^\w+ \/admin(\/|$)/, ['admin']],
  [/^GET \/enrollment\/:id\/(print|form\.pdf|ticket\.pdf)$/, ['candidate', 'staff', 'admin']],
  [/^\w+ \/(api\/)?enrollment(\/|$)/, ['candidate']],
  [/^GET \/profile\/photo\//, ['candidate']],
  [/^\w+ \/(api\/)?profile(\/|$)/, ['candidate']],
  [/^\w+ \/notices$/, ['candidate']],
  [/^(GET \/api\/accounts\/me|POST \/api\/accounts\/logout|POST \/logout|GET \/security)$/, SIGNED_IN],
  [/^POST \/api\/accounts\/(password|security-question)$/, ['candidate']],
  [/^POST \/security\//, ['candidate']],
  [/^POST \/api\/accounts\/(captcha|login|register|recover)$/, PUBLIC],
  [/^POST \/api\/reset-codes\/redeem$/, PUBLIC],
  [/^\w+ \/(login|register|recover|reset-code)$/, PUBLIC],
  [/^GET \/(|exams|health|ready|metrics)$/, PUBLIC],
  [/^GET \/(verify\/|static\/|api\/catalog\/|api\/directory\/|api\/csrf$)/, PUBLIC],
];

function expectedAccess(route: RouteDeclaration): RouteAccess[] | undefined {
  const key = `${route.method} ${route.path}`;
  return MATRIX.find(([pattern]) => pattern.test(key))?.[1];
}

describe('RBAC matrix: every route × every role', () => {
  let t: StaffAuditApp;
  let routes: RouteDeclaration[];
  const sessions = {} as Record<Who, Session>;

  beforeAll(async () => {
    t = await startStaffAuditApp();
    routes = listRoutes(t.app);
    expect((await t.register({ username: 'rbac_cand', idNumber: residentId(61) })).status).toBe(201);
    sessions.candidate = await t.login('rbac_cand', VALID.password);
    sessions.staff = await t.member('rbac_staff', 'staff', { areaCode: '11' });
    sessions.auditor = await t.member('rbac_audit', 'auditor');
    sessions.admin = await t.staffLogin(ADMIN.username, ADMIN.password);
    const csrf = await t.http().get('/api/csrf').expect(200);
    const cookie = (csrf.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('csrf='))!
      .split(';')[0];
    sessions.anonymous = { cookie, csrf: csrf.body.csrfToken as string };
  }, 90_000);
  afterAll(() => t?.close());

  it('finds the routes, every one with a declaration', () => {
    expect(routes.length).toBeGreaterThan(50);
    expect(routes.filter((route) => !route.roles).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('has an expected access for every route in the matrix', () => {
    expect(routes.filter((route) => !expectedAccess(route)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('includes the routes that disable and re-enable staff accounts (admins only)', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    for (const action of ['disable', 'enable'])
      for (const prefix of ['/api/admin/staff-accounts', '/admin/staff'])
        expect(keys).toContain(`POST ${prefix}/:staffId/${action}`);
  });

  it('declares no role on any route beyond what the matrix allows', () => {
    const overreach = routes.flatMap((route) => {
      const allowed = expectedAccess(route) ?? [];
      const extra = (route.roles ?? []).filter((role) => !allowed.includes(role));
      return extra.length > 0 ? [`${route.method} ${route.path}: ${extra.join(', ')}`] : [];
    });
    expect(overreach).toEqual([]);
  });

  it('refuses over HTTP every role the matrix does not allow (401 signed out, 403 otherwise)', async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      const allowed = expectedAccess(route) ?? [];
      if (allowed.includes('public')) continue;
      const path = route.path.replace(/:[A-Za-z]+/g, 'x');
      for (const who of ['anonymous', 'candidate', 'staff', 'auditor', 'admin'] as Who[]) {
        if (who !== 'anonymous' && allowed.includes(who)) continue;
        const session = sessions[who];
        const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
        const res = await t
          .http()
          [method](path)
          .set('Cookie', session.cookie)
          .set('X-CSRF-Token', session.csrf)
          .send({});
        // Pages send the signed-out to a login page (303); the API answers 401.
        const refused =
          who !== 'anonymous'
            ? res.status === 403
            : res.status === 401 || (res.status === 303 && /^\/(staff\/)?login/.test(String(res.headers.location)));
        if (!refused) leaks.push(`${route.method} ${route.path} as ${who}: ${res.status}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});
