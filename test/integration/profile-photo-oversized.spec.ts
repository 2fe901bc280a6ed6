import { type AccountsTestApp, startAccountsApp, VALID } from './accounts-support';

/** A phone photo of several MB uploaded on /profile: the photo field's reason, not a bare 413 page. */
describe('an oversized 证件照 on the profile page', () => {
  let t: AccountsTestApp;
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    t = await startAccountsApp();
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
    session = await t.login(VALID.username, VALID.password);
  }, 60_000);
  afterAll(() => t?.close());

  const upload = (path: string, bytes: number) =>
    t
      .http()
      .post(path)
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .attach('photo', Buffer.alloc(bytes, 0xff), 'IMG_0001.jpg');

  it('shows the profile page with the photo field’s error for a 3 MB file, saving nothing', async () => {
    const before = await t.store.headPosition();
    const res = await upload(`/profile/photo?_csrf=${encodeURIComponent(session.csrf)}`, 3 * 1024 * 1024);
    expect(res.status).toBe(400);
    expect(res.text).toContain('照片未上传：照片不能超过 30 KB（文件超过 2 MB）');
    expect(res.text).toContain('证件照');
    expect(res.text).not.toContain('提交的内容过大');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('answers the API with PHOTO_TOO_LARGE on the field, not 413', async () => {
    const res = await upload('/api/profile/photo', 3 * 1024 * 1024);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0]).toMatchObject({ field: 'photo', code: 'PHOTO_TOO_LARGE' });
  });
});
