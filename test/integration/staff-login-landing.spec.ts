import { type AccountsTestApp, startAccountsApp } from './accounts-support';

const ADMIN = { username: 'land_admin', password: 'a long admin secret 2026' };

/** 工作人员登录 leads each role to its own work unless a `next` says where to go back to. */
describe('where staff land after signing in on /staff/login', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    const login = await t
      .http()
      .post('/api/staff-accounts/login')
      .send({ ...ADMIN, ...(await t.captcha()) })
      .expect(200);
    const sid = (login.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!.split(';')[0];
    const csrf = await t.http().get('/api/csrf').set('Cookie', sid).expect(200);
    const csrfCookie = (csrf.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='))!;
    const create = (body: object) =>
      t
        .http()
        .post('/api/admin/staff-accounts')
        .set('Cookie', `${sid}; ${csrfCookie.split(';')[0]}`)
        .set('X-CSRF-Token', csrf.body.csrfToken as string)
        .send(body)
        .expect(201);
    await create({
      username: 'land_staff',
      password: 'staff member secret',
      displayName: '王考务',
      role: 'staff',
      areaCode: '11',
    });
    await create({ username: 'land_audit', password: 'auditor secret 01', displayName: '赵审计', role: 'auditor' });
  }, 60_000);
  afterAll(() => t?.close());

  async function signIn(username: string, password: string, next = ''): Promise<string> {
    const page = await t.http().get('/staff/login').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const cookie = (page.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const res = await t
      .http()
      .post('/staff/login')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: token, username, password, next, ...(await t.captcha()) })
      .expect(303);
    return res.headers.location as string;
  }

  it('sends staff to 资格审核, auditors to 审计 and admins to 账号管理', async () => {
    expect(await signIn('land_staff', 'staff member secret')).toBe('/staff/review');
    expect(await signIn('land_audit', 'auditor secret 01')).toBe('/audit');
    expect(await signIn(ADMIN.username, ADMIN.password)).toBe('/admin/staff');
  });

  it('follows a `next` when one was given', async () => {
    expect(await signIn('land_staff', 'staff member secret', '/staff/cases')).toBe('/staff/cases');
  });
});
