import { type AccountsTestApp, residentId, startAccountsApp, VALID } from './accounts-support';

export const ADMIN = { username: 'root_admin', password: 'a long admin secret 2026' };

export interface Session {
  cookie: string;
  csrf: string;
}

export interface StaffAuditApp extends AccountsTestApp {
  staffLogin: (username: string, password: string) => Promise<Session>;
  /** Creates (through the admin) and signs in a staff member or auditor. */
  member: (
    username: string,
    role: 'staff' | 'auditor',
    scope?: { areaCode?: string; siteCode?: string },
  ) => Promise<Session>;
  register: (
    overrides: Partial<typeof VALID> & { reservationCode?: string },
  ) => Promise<{ status: number; body: Record<string, unknown> }>;
}

/** The app on a fresh data directory (or the one given, kept), with the first admin from configuration. */
export async function startStaffAuditApp(sharedDataDir?: string): Promise<StaffAuditApp> {
  const t = await startAccountsApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password }, sharedDataDir);
  const staffLogin = async (username: string, password: string): Promise<Session> => {
    const res = await t
      .http()
      .post('/api/staff-accounts/login')
      .send({ username, password, ...(await t.captcha()) });
    const sid = (res.headers['set-cookie'] as unknown as string[] | undefined)?.find((c) => c.startsWith('sid='));
    if (res.status !== 200 || !sid) throw new Error(`staff login failed: ${res.status} ${JSON.stringify(res.body)}`);
    const csrfRes = await t.http().get('/api/csrf').set('Cookie', sid.split(';')[0]);
    const csrfCookie = (csrfRes.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='));
    return { cookie: `${sid.split(';')[0]}; ${csrfCookie?.split(';')[0]}`, csrf: csrfRes.body.csrfToken as string };
  };
  let admin: Session | undefined;
  const member: StaffAuditApp['member'] = async (username, role, scope = {}) => {
    admin ??= await staffLogin(ADMIN.username, ADMIN.password);
    const password = `${username} long secret 2027`;
    await t
      .http()
      .post('/api/admin/staff-accounts')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrf)
      .send({ username, password, displayName: username, role, ...scope })
      .expect(201);
    return staffLogin(username, password);
  };
  const register: StaffAuditApp['register'] = async (overrides) => {
    // residentId() numbers are born 1990-01-01; odd sequences are male.
    const res = await t
      .http()
      .post('/api/accounts/register')
      .send({ ...VALID, birthDate: '1990-01-01', gender: 'M', ...overrides });
    return { status: res.status, body: res.body as Record<string, unknown> };
  };
  return { ...t, staffLogin, member, register };
}

export { residentId, VALID };
