import { type AccountsTestApp, startAccountsApp, VALID } from './accounts-support';
import { maskIdNumber } from '../../src/accounts/security/identity-key';

const FORM: Record<string, string> = {
  'contact[phone]': '13800138000',
  'contact[email]': '',
  'contact[address]': '北京市海淀区学院路 38 号',
  'contact[postcode]': '',
  'employment[employer]': '北京大学第三医院',
  'employment[department]': '',
  'employment[position]': '',
  'employment[title]': '',
  'employment[startMonth]': '2016-08',
  'education[0][id]': '',
  'education[0][school]': '北京大学医学部',
  'education[0][major]': '临床医学',
  'education[0][level]': '大学本科',
  'education[0][degree]': '学士',
  'education[0][studyForm]': '全日制',
  'education[0][from]': '2010-09',
  'education[0][to]': '2015-07',
};

describe('profile page (server-rendered, works without scripts)', () => {
  let t: AccountsTestApp;
  let session: { cookie: string; csrf: string };
  beforeAll(async () => {
    t = await startAccountsApp();
    await t.http().post('/api/accounts/register').send(VALID).expect(201);
    session = await t.login(VALID.username, VALID.password);
  }, 60_000);
  afterAll(() => t?.close());

  const page = () => t.http().get('/profile').set('Cookie', session.cookie);
  const revisionOf = (html: string) => /name="revision" value="(-?\d+)"/.exec(html)![1];
  const post = (fields: Record<string, string>) =>
    t
      .http()
      .post('/profile')
      .set('Cookie', session.cookie)
      .type('form')
      .send(new URLSearchParams({ ...fields, _csrf: session.csrf }).toString());

  it('shows the identity read-only and masked, and the sections with required marks', async () => {
    const res = await page().expect(200);
    // Masked as the security page, the steps and the 报名表 mask it.
    expect(res.text).toContain(`<dd class="summary-list__value">${maskIdNumber(VALID.idNumber)}</dd>`);
    expect(res.text).not.toContain(VALID.idNumber);
    for (const heading of ['基本情况', '联系方式', '工作情况', '教育经历', '培训经历', '证书情况', '证件照'])
      expect(res.text).toContain(heading);
    expect(res.text).toContain('联系电话 *');
  });

  it('adds a row with + and removes one with −, keeping what was typed and saving nothing', async () => {
    const revision = revisionOf((await page()).text);
    const before = await t.store.headPosition();
    const added = await post({ ...FORM, revision, action: 'add-education' }).expect(200);
    expect(added.text).toContain('name="education[1][school]"');
    expect(added.text).toContain('value="北京大学医学部"');
    const removed = await post({ ...FORM, revision, action: 'remove-education-0' }).expect(200);
    expect(removed.text).not.toContain('name="education[0][school]"');
    expect(removed.text).toContain('value="北京大学第三医院"');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('marks bad fields red with the reason and keeps the values; nothing saved', async () => {
    const revision = revisionOf((await page()).text);
    const before = await t.store.headPosition();
    const res = await post({ ...FORM, revision, 'education[0][from]': '2010.13', action: 'save' }).expect(400);
    expect(res.text).toMatch(/id="education\.0\.from"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('入学年月格式为 YYYY-MM');
    expect(res.text).toContain('value="2010.13"');
    expect(await t.store.headPosition()).toBe(before);
  });

  it('saves with 提交, shows the saved data after reload (grey for directory names), and refuses a stale second tab with 409', async () => {
    const tabA = revisionOf((await page()).text);
    const tabB = tabA;
    await post({ ...FORM, revision: tabA, action: 'save' })
      .expect(303)
      .expect('Location', '/profile?saved=1');
    const reloaded = await t.http().get('/profile?saved=1').set('Cookie', session.cookie).expect(200);
    expect(reloaded.text).toContain('个人信息已保存');
    expect(reloaded.text).toContain('value="北京大学第三医院"');
    expect(reloaded.text).toContain('field--recognised');

    const before = await t.store.headPosition();
    const conflict = await post({
      ...FORM,
      revision: tabB,
      'contact[address]': '上海市徐汇区 1 号',
      action: 'save',
    }).expect(409);
    expect(conflict.text).toContain('已在其他窗口或设备上修改过');
    expect(conflict.text).toContain('value="上海市徐汇区 1 号"');
    expect(await t.store.headPosition()).toBe(before);
    // Submitting again from the conflict page is a deliberate overwrite.
    await post({
      ...FORM,
      revision: revisionOf(conflict.text),
      'contact[address]': '上海市徐汇区 1 号',
      action: 'save',
    }).expect(303);
  });

  it('stores a month typed on a phone’s digit keypad (202009) as 2020-09', async () => {
    const revision = revisionOf((await page()).text);
    await post({ ...FORM, revision, 'employment[startMonth]': '202009', action: 'save' }).expect(303);
    const reloaded = await page().expect(200);
    expect(reloaded.text).toMatch(/name="employment\[startMonth\]"[^>]*value="2020-09"/);
  });

  it('takes 提交 clicked twice as one save (new rows and a grouped phone included), not as an edit elsewhere', async () => {
    const seen = revisionOf((await page()).text);
    const form = {
      ...FORM,
      revision: seen,
      'contact[phone]': '139 0013 9000',
      'contact[address]': '北京市东城区 2 号',
      'training[0][id]': '',
      'training[0][kind]': '试用期',
      'training[0][institution]': '北京协和医院',
      'training[0][from]': '2015-08',
      'training[0][to]': '2016-07',
      action: 'save',
    };
    // The fields take a number typed in groups whole (the browser cuts what passes maxlength).
    const html = (await page()).text;
    const room = (name: string) =>
      Number(/maxlength="(\d+)"/.exec(new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)![0])![1]);
    expect(room('contact\\[phone\\]')).toBeGreaterThanOrEqual('139 0013 9000'.length);
    expect(room('contact\\[postcode\\]')).toBeGreaterThanOrEqual('100 034'.length);
    await post(form).expect(303).expect('Location', '/profile?saved=1');
    await post(form).expect(303).expect('Location', '/profile?saved=1');
    const before = await t.store.headPosition();
    await post({ ...form, 'contact[address]': '北京市东城区 3 号' }).expect(409);
    expect(await t.store.headPosition()).toBe(before);
  });

  it('reads months typed with a Chinese IME as the months meant', async () => {
    const revision = revisionOf((await page()).text);
    const typed = {
      'employment[startMonth]': '２０１６－０８',
      'education[0][from]': '２０１０－０９',
      'education[0][to]': '２０１５ － ０７',
    };
    await post({ ...FORM, ...typed, revision, action: 'save' }).expect(303);
    const saved = (await t.http().get('/api/profile').set('Cookie', session.cookie).expect(200)).body;
    expect([saved.employment.startMonth, saved.education[0].from, saved.education[0].to]).toEqual([
      '2016-08',
      '2010-09',
      '2015-07',
    ]);
  });

  it('shows a typed school that is not in the directory in yellow', async () => {
    const revision = revisionOf((await page()).text);
    await post({ ...FORM, revision, 'education[0][school]': '某某不存在卫生学校', action: 'save' }).expect(303);
    const res = await page().expect(200);
    expect(res.text).toMatch(/field--unknown[\s\S]*某某不存在卫生学校/);
    expect(res.text).toContain('不在系统已有的列表中');
  });
});
