import { type AccountsTestApp, startAccountsApp, VALID } from './accounts-support';

/**
 * A session that ended (30 minutes idle, or signed out in another tab) while a page form was open:
 * the login page says why, and that what was posted was not saved; the API still answers 401.
 */
describe('pages after the session lapsed', () => {
  let t: AccountsTestApp;
  let lapsed: { cookie: string; csrf: string };
  beforeAll(async () => {
    t = await startAccountsApp();
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
    lapsed = await t.login(VALID.username, VALID.password);
    // Ended on the server; the browser still holds the cookie, as after an idle timeout.
    await t
      .http()
      .post('/api/accounts/logout')
      .set('Cookie', lapsed.cookie)
      .set('X-CSRF-Token', lapsed.csrf)
      .expect((res) => expect(res.status).toBeLessThan(300));
  }, 60_000);
  afterAll(() => t?.close());

  it('sends a page form posted without a live session to login, saying it was not saved', async () => {
    const before = await t.store.headPosition();
    const res = await t
      .http()
      .post('/profile')
      .set('Cookie', lapsed.cookie)
      .type('form')
      .send(new URLSearchParams({ 'contact[phone]': '13900139000', _csrf: lapsed.csrf }).toString())
      .expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fprofile&expired=form');
    expect(res.headers.location).not.toContain('13900139000');
    expect(await t.store.headPosition()).toBe(before);
    const login = await t.http().get(res.headers.location).expect(200);
    expect(login.text).toContain('登录已超时，刚才提交的内容未能保存，请重新登录后再填写。');
    expect(login.text).toContain('name="next" value="/profile"');
  });

  it('brings the visitor back to the page the form was on, not to a path posted to that has no page', async () => {
    const res = await t
      .http()
      .post('/enrollment/2027/start')
      .set('Cookie', lapsed.cookie)
      .set('Host', 'yikao.example')
      .set('Referer', 'https://yikao.example/enrollment/2027/categories?pledge=v1')
      .type('form')
      .send(new URLSearchParams({ categoryCode: '110', _csrf: lapsed.csrf }).toString())
      .expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fenrollment%2F2027%2Fcategories%3Fpledge%3Dv1&expired=form');
    // Another site's page is no place to come back to.
    const foreign = await t
      .http()
      .post('/profile')
      .set('Cookie', lapsed.cookie)
      .set('Referer', 'https://evil.example/profile')
      .type('form')
      .send(new URLSearchParams({ _csrf: lapsed.csrf }).toString())
      .expect(303);
    expect(foreign.headers.location).toBe('/login?next=%2Fprofile&expired=form');
  });

  it('says the sign-in lapsed when a page is opened with a session cookie no longer live', async () => {
    const res = await t.http().get('/profile').set('Cookie', lapsed.cookie).expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fprofile&expired=lapsed');
    expect((await t.http().get(res.headers.location).expect(200)).text).toContain('登录已失效');
  });

  it('says nothing of a lapse to a visitor who was never signed in', async () => {
    const res = await t.http().get('/profile').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fprofile');
    expect((await t.http().get(res.headers.location).expect(200)).text).not.toContain('登录已');
  });

  it('carries the notice to the staff login page', async () => {
    const res = await t.http().get('/login?next=%2Fstaff%2Freview&expired=form').expect(303);
    expect(res.headers.location).toBe('/staff/login?next=%2Fstaff%2Freview&expired=form');
    expect((await t.http().get(res.headers.location).expect(200)).text).toContain('刚才提交的内容未能保存');
  });

  it('keeps answering the API with 401 JSON', async () => {
    const res = await t.http().get('/api/profile').set('Cookie', lapsed.cookie).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});
