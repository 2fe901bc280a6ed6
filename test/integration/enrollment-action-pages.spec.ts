import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap/create-app';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { registerWithProfile } from './candidate-with-profile';
import { writeTestSeed } from './enrollment-fixture';
import { httpSessions, type Who } from './http-sessions';

const ADMIN = { username: 'pages_admin', password: 'a long admin secret 2027' };

/**
 * The candidate's enrollment pages say what the commands would refuse before the candidate fills a
 * form in: 修改考点 and 放弃报考 give the reason instead of their form; the pledge names its version
 * once; once submitted, the check page's step bar has no step still to do.
 */
describe('enrollment pages: 修改考点, 放弃报考, the pledge and the step bar', () => {
  jest.setTimeout(60_000);
  let app: NestFastifyApplication;
  let dataDir: string;
  const http = () => request(app.getHttpServer());
  let candidate: Who & { id: string };
  let admin: Who;

  const { sessionFrom, captcha, as } = httpSessions(http);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'enrollment-pages-'));
    app = await createApp({
      env: {
        APP_ENV: 'test',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        CAPTCHA_MODE: 'test',
        SEED_CATALOG_FILE: writeTestSeed(dataDir, 5),
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      },
      logDestination: { write: () => undefined },
    });
    await app.init();
    const store = app.get<EventStore>(EVENT_STORE);
    const { id, login } = await registerWithProfile(http, store, captcha, {
      username: 'pages_kaosheng',
      password: 'candidate secret phrase',
      realName: '考生甲',
      idSequence: 42,
      email: 'pages@example.cn',
    });
    candidate = { ...(await sessionFrom(login)), id };
    admin = await sessionFrom(
      await http()
        .post('/api/staff-accounts/login')
        .send({ ...ADMIN, ...(await captcha()) })
        .expect(200),
    );
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const refusalOn = async (path: string) => {
    const page = await as(candidate).get(path).expect(200);
    expect(page.text).not.toContain(`method="post" action="${path.split('?')[0]}"`);
    return /data-refusal><p>([^<]*)<\/p>/.exec(page.text)?.[1];
  };

  it('shows the pledge’s version once', async () => {
    const page = await as(candidate).get('/enrollment/2027/pledge').expect(200);
    expect(page.text.match(/版本：v1/g)).toHaveLength(1);
  });

  it('gives the reason instead of the forms before anything was submitted', async () => {
    expect(await refusalOn('/enrollment/2027/withdraw')).toBe('没有可放弃的报名');
    expect(await refusalOn('/enrollment/2027/step/2')).toBe('请先点击“+”开始报名');
    const api = as(candidate);
    await api.post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
    await api.put('/api/enrollment/2027/basic-info').expect(200);
    // A later step asked for directly: the step to do, and the way to it.
    expect(await refusalOn('/enrollment/2027/step/5')).toBe('请按顺序完成报名步骤：请先完成第三步“核实工作情况”');
    expect((await as(candidate).get('/enrollment/2027/step/5').expect(200)).text).toContain(
      'href="/enrollment/2027/continue">继续填写</a>',
    );
    expect((await as(candidate).get('/enrollment/2027/step/3').expect(200)).text).toContain(
      'method="post" action="/enrollment/2027/step/3"',
    );
    await api.put('/api/enrollment/2027/employment').expect(200);
    await api
      .put('/api/enrollment/2027/qualifications', { educationIds: ['edu-1'], trainingIds: ['tr-1'] })
      .expect(200);
    await api.put('/api/enrollment/2027/certificates', { certificateIds: [] }).expect(200);
    await api.put('/api/enrollment/2027/site', { siteCode: '1101' }).expect(200);
    expect(await refusalOn('/enrollment/2027/change-site?area=11')).toBe('报名提交后才能修改考点');
  });

  it('marks every step done on the check page once submitted, with none current', async () => {
    await as(candidate).post('/api/enrollment/2027/submit').expect(200);
    const page = await as(candidate).get('/enrollment/2027/review').expect(200);
    expect(page.text).not.toContain('aria-current="step"');
    expect(page.text).not.toContain('（当前步骤）');
    expect(page.text.match(/（已完成）/g)).toHaveLength(6);
    // A step's own page says why it cannot be changed now, rather than a form 保存 would refuse.
    for (const n of [2, 3, 4, 5, 6])
      expect(await refusalOn(`/enrollment/2027/step/${n}`)).toBe('报名已提交，如需修改请先放弃报考后重新报名');
    const step2 = await as(candidate).get('/enrollment/2027/step/2').expect(200);
    expect(step2.text).not.toContain('（当前步骤）');
    expect(step2.text).not.toContain('继续填写');
  });

  it('shows the forms while a change is allowed', async () => {
    const site = await as(candidate).get('/enrollment/2027/change-site?area=11').expect(200);
    expect(site.text).not.toContain('data-refusal');
    expect(site.text).toContain('确认修改');
    const withdraw = await as(candidate).get('/enrollment/2027/withdraw').expect(200);
    expect(withdraw.text).not.toContain('data-refusal');
    expect(withdraw.text).toContain('确认放弃报考');
  });

  it('gives the rejection’s reason on 修改考点, as 确认修改 would', async () => {
    await as(admin).post(`/api/staff/enrollments/2027/${candidate.id}/reject`, { reason: '照片不清晰' }).expect(200);
    const refusal = await refusalOn('/enrollment/2027/change-site?area=11');
    expect(refusal).toContain('报名审核未通过');
    const posted = await http()
      .post('/enrollment/2027/change-site')
      .set('Cookie', candidate.cookie)
      .type('form')
      .send({ _csrf: candidate.csrf, areaCode: '11', siteCode: '1102' });
    expect(posted.text).toContain(refusal);
    // Rejected, the steps are open again for the correction.
    const step2 = await as(candidate).get('/enrollment/2027/step/2').expect(200);
    expect(step2.text).not.toContain('data-refusal');
    expect(step2.text).toContain('method="post" action="/enrollment/2027/step/2"');
  });

  it('says an enrollment already withdrawn has nothing to withdraw', async () => {
    await as(candidate).post('/api/enrollment/2027/withdraw').expect(200);
    expect(await refusalOn('/enrollment/2027/withdraw')).toBe('本次报名已放弃，无需再次放弃。');
  });
});
