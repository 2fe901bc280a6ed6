import { directoryStream } from '../../src/directory/directory.events';
import { type AccountsTestApp, startAccountsApp, VALID } from './accounts-support';

const ADMIN = { username: 'dir_page_admin', password: 'a long admin secret 2026' };
type Session = { cookie: string; csrf: string };

/** The row of the report table for one file line: its cells' text. */
function rejectedRow(html: string, line: number): string {
  const row = new RegExp(`<tr data-rejected-line="${line}">(.*?)</tr>`).exec(html)?.[1] ?? '';
  return row.replace(/<[^>]+>/g, ' ');
}

const count = (html: string, name: string) =>
  Number(new RegExp(`data-count="${name}">(\\d+)<`).exec(html)?.[1] ?? Number.NaN);
const directorySize = (html: string, kind: string) =>
  Number(new RegExp(`data-directory-kind="${kind}"><td>[^<]*</td><td>(\\d+)<`).exec(html)?.[1] ?? Number.NaN);

describe('名录管理 page: admins import directory CSV through a form', () => {
  let t: AccountsTestApp;
  let admin: Session;
  let candidate: Session;

  beforeAll(async () => {
    t = await startAccountsApp({ ADMIN_USERNAME: ADMIN.username, ADMIN_PASSWORD: ADMIN.password });
    const res = await t
      .http()
      .post('/api/staff-accounts/login')
      .send({ ...ADMIN, ...(await t.captcha()) })
      .expect(200);
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!.split(';')[0];
    const page = await t.http().get('/admin/directory').set('Cookie', sid).expect(200);
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='))!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    admin = { cookie: `${sid}; ${csrfCookie.split(';')[0]}`, csrf: token };
    expect((await t.http().post('/api/accounts/register').send(VALID)).status).toBe(201);
    candidate = await t.login(VALID.username, VALID.password);
  }, 60_000);
  afterAll(() => t?.close());

  const post = (form: Record<string, string>, who: Session = admin) =>
    t
      .http()
      .post('/admin/directory')
      .set('Cookie', who.cookie)
      .type('form')
      .send(new URLSearchParams({ _csrf: who.csrf, ...form }).toString());
  const streamLength = async (kind: 'employer' | 'school') => (await t.store.readStream(directoryStream(kind))).length;

  it('shows the form, the columns with an example, the limit and the entries per kind, in the admin menu', async () => {
    const page = await t.http().get('/admin/directory').set('Cookie', admin.cookie).expect(200);
    expect(page.text).toContain('<a class="site-nav__link" href="/admin/directory" aria-current="page"');
    expect(page.text).toMatch(/<select[^>]+name="kind"/);
    expect(page.text).toMatch(/<textarea[^>]+name="csv"/);
    expect(page.text).toContain('name,province,city,level');
    expect(page.text).toContain('name,province,city,kind');
    expect(page.text).toContain('每次提交不超过 1 MB');
    expect(page.text).toContain('js/directory-import.js');
    expect(directorySize(page.text, 'employer')).toBeGreaterThan(1000);
    expect(directorySize(page.text, 'school')).toBeGreaterThan(1000);
  });

  it('imports the good rows, counts added / updated / unchanged and lists every bad row by line', async () => {
    const before = await t.http().get('/admin/directory').set('Cookie', admin.cookie).expect(200);
    const csv = [
      'name,province,city,kind',
      '页面导入甲学院,河北,保定市,本科',
      ',北京,北京市,',
      '北京大学,北京,北京市,本科',
      '北京协和医学院,北京,北京市,研究型',
      '页面导入乙学院,火星,,',
      '页面导入甲学院,河北,保定市,本科',
    ].join('\r\n');
    const res = await post({ kind: 'school', csv }).expect(200);
    expect([count(res.text, 'added'), count(res.text, 'updated'), count(res.text, 'unchanged')]).toEqual([1, 1, 1]);
    expect(count(res.text, 'rejected')).toBe(3);
    expect(rejectedRow(res.text, 3)).toContain('名称不能为空');
    expect(rejectedRow(res.text, 6)).toContain('页面导入乙学院,火星,,');
    expect(rejectedRow(res.text, 6)).toContain('省份须为简称');
    expect(rejectedRow(res.text, 7)).toContain('名称在文件中重复');
    expect(res.text).not.toContain('data-rejected-line="2"');
    expect(directorySize(res.text, 'school')).toBe(directorySize(before.text, 'school') + 1);
    const found = await t.http().get('/api/directory/search').query({ kind: 'school', q: '页面导入甲' }).expect(200);
    expect(found.body.items[0]).toMatchObject({ name: '页面导入甲学院', province: '河北', category: '本科' });

    // The same file again changes nothing: every good row is unchanged and no event is written.
    const events = await streamLength('school');
    const again = await post({ kind: 'school', csv }).expect(200);
    expect([count(again.text, 'added'), count(again.text, 'updated'), count(again.text, 'unchanged')]).toEqual([
      0, 0, 3,
    ]);
    expect(await streamLength('school')).toBe(events);
  });

  it('shows the whole-file errors on the form, keeps the text and imports nothing', async () => {
    const events = await streamLength('employer');
    const noKind = await post({ kind: '', csv: '' }).expect(400);
    expect(noKind.text).toContain('请选择导入到工作单位还是毕业学校');
    expect(noKind.text).toContain('请选择 CSV 文件，或把 CSV 内容粘贴到文本框中');
    expect(noKind.text).toContain('href="#csv"');

    const noHeader = await post({ kind: 'employer', csv: '某某医院,北京,北京市,' }).expect(400);
    expect(noHeader.text).toContain('首行须为 name,province,city,kind（或 level）');
    expect(noHeader.text).toMatch(/<textarea[^>]+aria-invalid="true"[^>]*>某某医院,北京,北京市,<\/textarea>/);
    expect(noHeader.text).toMatch(/<option value="employer" selected>/);
    expect(await streamLength('employer')).toBe(events);
  });

  it('answers a body over 1 MB with a Chinese error page, importing nothing', async () => {
    const events = await streamLength('employer');
    const row = '超大文件测试医院,北京,北京市,\r\n';
    const csv = `name,province,city,level\r\n${row.repeat(9000)}`;
    expect(new URLSearchParams({ csv }).toString().length).toBeGreaterThan(1024 * 1024);
    const res = await post({ kind: 'employer', csv }).expect(413);
    expect(res.text).toContain('提交的内容超过了大小上限，未作任何处理');
    expect(await streamLength('employer')).toBe(events);
  });

  it('refuses candidates, signed-out visitors and a post without the CSRF token', async () => {
    const events = await streamLength('school');
    const csv = 'name,province,city,kind\n不应导入学院,北京,,';
    await t.http().get('/admin/directory').set('Cookie', candidate.cookie).expect(403);
    await post({ kind: 'school', csv }, candidate).expect(403);
    const anonymous = await t.http().get('/admin/directory').expect(303);
    expect(anonymous.headers.location).toMatch(/^\/(staff\/)?login/);
    const noToken = await t
      .http()
      .post('/admin/directory')
      .set('Cookie', admin.cookie)
      .type('form')
      .send({ kind: 'school', csv })
      .expect(403);
    expect(noToken.text).toContain('页面已过期');
    expect(await streamLength('school')).toBe(events);
  });
});
