import { type AccountsTestApp, startAccountsApp, VALID, residentId } from './accounts-support';

describe('accounts API (createApp on a temp data dir)', () => {
  let t: AccountsTestApp;
  beforeAll(async () => {
    t = await startAccountsApp();
  }, 30_000);
  afterAll(() => t?.close());

  it('registers, logs in with a captcha and knows the session', async () => {
    const res = await t.http().post('/api/accounts/register').send(VALID).expect(201);
    expect(res.body.candidateId).toMatch(/^[0-9a-f-]{36}$/);
    const { cookie } = await t.login('ZhangSan01', VALID.password);
    const me = await t.http().get('/api/accounts/me').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ role: 'candidate', username: 'zhangsan01', id: res.body.candidateId });
  });
});
