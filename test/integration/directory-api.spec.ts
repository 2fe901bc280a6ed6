import { type AccountsTestApp, startAccountsApp } from './accounts-support';

const ADMIN = { username: 'dir_admin', password: 'a long admin secret 2026' };

describe('institution directory API', () => {
  let t: AccountsTestApp;
  let admin: { cookie: string; csrf: string };
  beforeAll(async () => {
    t = await startAccountsApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    const res = await t
      .http()
      .post('/api/staff-accounts/login')
      .send({ ...ADMIN, ...(await t.captcha()) })
      .expect(200);
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!.split(';')[0];
    const csrfRes = await t.http().get('/api/csrf').set('Cookie', sid).expect(200);
    const csrf = (csrfRes.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='))!;
    admin = { cookie: `${sid}; ${csrf.split(';')[0]}`, csrf: csrfRes.body.csrfToken as string };
  }, 60_000);
  afterAll(() => t?.close());

  const search = (kind: string, q: string) => t.http().get('/api/directory/search').query({ kind, q });
  const importCsv = (kind: string, csv: string, who = admin) =>
    t
      .http()
      .post(`/api/admin/directory/import?kind=${kind}`)
      .set('Cookie', who.cookie)
      .set('X-CSRF-Token', who.csrf)
      .set('Content-Type', 'text/csv')
      .send(csv);

  it('lists 北京大学第一医院 and 北京大学第三医院 for bjdx, best matches first, without signing in', async () => {
    const res = await search('employer', 'bjdx').expect(200);
    const names = (res.body.items as Array<{ name: string; code: string }>).map((item) => item.name);
    expect(names).toEqual(expect.arrayContaining(['北京大学第一医院', '北京大学第三医院']));
    expect(res.body.items[0]).toMatchObject({ province: '北京', match: 'prefix' });
    expect(res.body.items[0].code).toBe(res.body.items[0].name);
  });

  it('searches schools by Chinese and by polyphonic place names', async () => {
    expect((await search('school', '协和').expect(200)).body.items.map((i: { name: string }) => i.name)).toContain(
      '北京协和医学院',
    );
    expect((await search('school', 'csyx').expect(200)).body.items[0].name).toBe('长沙医学院');
  });

  it.each([
    [{ kind: 'hospital', q: 'bj' }, 'DIRECTORY_KIND_INVALID'],
    [{ kind: 'school' }, 'QUERY_REQUIRED'],
    [{ kind: 'school', q: 'x'.repeat(51) }, 'QUERY_TOO_LONG'],
    [{ kind: 'school', q: 'bj', limit: '500' }, 'LIMIT_INVALID'],
  ])('refuses %j with %s', async (query, code) => {
    const res = await t.http().get('/api/directory/search').query(query).expect(400);
    expect(res.body.error.fields.map((f: { code: string }) => f.code)).toContain(code);
  });

  it('imports good rows as events, reports bad rows by line, and searches the new entries at once', async () => {
    const before = await t.store.headPosition();
    const csv = [
      'name,province,city,level',
      '测试导入甲医院,北京,北京市,三级',
      ',北京,北京市,',
      '测试导入乙医院,火星,,',
      '北京大学第一医院,北京,北京市,三级甲等',
    ].join('\n');
    const res = await importCsv('employer', csv).expect(200);
    expect(res.body).toMatchObject({ imported: 2, added: 1, updated: 1, unchanged: 0 });
    expect(res.body.rejected).toEqual([
      { line: 3, errors: [expect.objectContaining({ field: 'name', code: 'NAME_REQUIRED' })] },
      { line: 4, errors: [expect.objectContaining({ field: 'province', code: 'PROVINCE_UNKNOWN' })] },
    ]);
    expect(await t.store.headPosition()).toBeGreaterThan(before);
    const found = (await search('employer', 'csdrjyy').expect(200)).body.items;
    expect(found[0]).toMatchObject({ name: '测试导入甲医院', category: '三级', match: 'exact' });
    const updated = (await search('employer', '北京大学第一医院').expect(200)).body.items[0];
    expect(updated).toMatchObject({ name: '北京大学第一医院', category: '三级甲等' });
  });

  it('refuses a file without the header, and candidates or anonymous callers, changing nothing', async () => {
    const before = await t.store.headPosition();
    const bad = await importCsv('school', '北京大学,北京,北京市,本科').expect(400);
    expect(bad.body.error.fields[0].code).toBe('CSV_HEADER');
    await t
      .http()
      .post('/api/admin/directory/import?kind=school')
      .set('Content-Type', 'text/csv')
      .send('name,province,city,kind\n某学校,北京,,')
      .expect((res) => expect([401, 403]).toContain(res.status));
    expect(await t.store.headPosition()).toBe(before);
  });

  it('refuses a file over 8 MB with FILE_TOO_LARGE, and a CSV labelled by Windows with CSV_CONTENT_TYPE', async () => {
    const before = await t.store.headPosition();
    const big = 'name,province,city,level\n' + '某医院,北京,北京市,\n'.repeat(400_000); // ~9 MB
    const tooLarge = await importCsv('employer', big).expect(400);
    expect(tooLarge.body.error.fields[0].code).toBe('FILE_TOO_LARGE');
    const excel = await t
      .http()
      .post('/api/admin/directory/import?kind=employer')
      .set('Cookie', admin.cookie)
      .set('X-CSRF-Token', admin.csrf)
      .set('Content-Type', 'application/vnd.ms-excel')
      .send('name,province,city,level\n测试医院,北京,,')
      .expect(400);
    expect(excel.body.error.fields[0].code).toBe('CSV_CONTENT_TYPE');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('answers an anonymous import by its access, without reading a large body first', async () => {
    const big = 'x'.repeat(9 * 1024 * 1024);
    await t
      .http()
      .post('/api/admin/directory/import?kind=school')
      .set('Content-Type', 'text/csv')
      .send(big)
      .expect((res) => expect([401, 403]).toContain(res.status));
  });
});
