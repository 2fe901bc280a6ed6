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

const ADMIN = { username: 'copy_admin', password: 'a long admin secret 2027' };

/** 个人信息 as registerWithProfile leaves it, with the 通讯地址 a save requires: saved unchanged, it changes nothing copied. */
const PROFILE_FORM: Record<string, string> = {
  'contact[phone]': '13800138000',
  'contact[address]': '北京市东城区',
  'contact[postcode]': '100010',
  'employment[employer]': '某医院（测试）',
  'employment[department]': '内科',
  'employment[position]': '医师',
  'employment[title]': '住院医师',
  'employment[startMonth]': '2020-09',
  'education[0][id]': 'edu-1',
  'education[0][school]': '某医学院（测试）',
  'education[0][major]': '临床医学',
  'education[0][level]': '大学本科',
  'education[0][degree]': '学士',
  'education[0][studyForm]': '全日制',
  'education[0][from]': '2014-09',
  'education[0][to]': '2019-07',
  'training[0][id]': 'tr-1',
  'training[0][kind]': '试用期',
  'training[0][institution]': '某医院（测试）',
  'training[0][from]': '2019-08',
  'training[0][to]': '2020-08',
};

/**
 * A submitted enrollment keeps what its steps copied from 个人信息 (the guide: 放弃报考 and enroll
 * again to change it). A candidate who changes 个人信息 afterwards is told so when saving, and on
 * 考试报名, which names the steps and what to do; one whose copied information did not change is not.
 */
describe('enrollment pages: telling a candidate the submitted 报名表 kept what 个人信息 changed', () => {
  jest.setTimeout(60_000);
  let app: NestFastifyApplication;
  let dataDir: string;
  const http = () => request(app.getHttpServer());
  const { sessionFrom, captcha, as, enrollThroughApi } = httpSessions(http);
  let changed: Who & { id: string };
  let unchanged: Who & { id: string };
  let admin: Who;

  const saveProfile = async (who: Who, fields: Record<string, string>, email: string) => {
    const revision = /name="revision" value="(-?\d+)"/.exec((await as(who).get('/profile').expect(200)).text)![1];
    const saved = await as(who)
      .form('/profile', { ...PROFILE_FORM, 'contact[email]': email, ...fields, revision, action: 'save' })
      .expect(303);
    return as(who)
      .get(saved.headers.location as string)
      .expect(200);
  };

  const candidate = async (n: number): Promise<Who & { id: string }> => {
    const { id, login } = await registerWithProfile(http, app.get<EventStore>(EVENT_STORE), captcha, {
      username: `copy_kaosheng${n}`,
      password: 'candidate secret phrase',
      realName: `考生${'甲乙'[n - 1]}`,
      idSequence: 60 + 2 * n, // even: registered as female
      email: `copy${n}@example.cn`,
    });
    const who = { ...(await sessionFrom(login)), id };
    // The 通讯地址 a save of 个人信息 requires, filled in before enrolling: the steps copy it.
    const first = await saveProfile(who, {}, `copy${n}@example.cn`);
    expect(first.text).toContain('个人信息已保存。');
    expect(first.text).not.toContain('data-enrollment-copy-outdated');
    await enrollThroughApi(who);
    return who;
  };

  const card = async (who: Who) => (await as(who).get('/enrollment').expect(200)).text;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'enrollment-copy-'));
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
    changed = await candidate(1);
    unchanged = await candidate(2);
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

  it('says on saving a new phone that the submitted 报名表 still holds the old information', async () => {
    const saved = await saveProfile(changed, { 'contact[phone]': '13912345678' }, 'copy1@example.cn');
    expect(saved.text).toContain('个人信息已保存。');
    expect(saved.text).toContain(
      '您已提交的报名表仍是修改前的信息，请查看<a href="/enrollment">考试报名</a>页面的提示。',
    );
  });

  it('names the step on 考试报名 and offers 放弃报考 and enrolling again before the deadline', async () => {
    const page = await card(changed);
    expect(page).toContain('data-copy-outdated');
    expect(page).toContain('报名表不会随之更新，第二步“核实基本情况”仍是提交时的信息。');
    expect(page).toContain(
      '如需更新报名表的，请在报名截止前<a href="/enrollment/2027/withdraw">放弃报考</a>，然后重新报名。',
    );
    expect(page).not.toContain('已通过资格审核');
    // The API says it too, beside the steps 提交 would refuse (none: it is not resubmitted).
    const api = await as(changed).get('/api/enrollment/2027').expect(200);
    expect(api.body).toMatchObject({ status: 'submitted', outdatedSteps: [], changedSinceSubmitted: [2] });
  });

  it('tells an approved candidate plainly that withdrawing gives up the approval', async () => {
    await as(admin).post(`/api/staff/enrollments/2027/${changed.id}/approve`, {}).expect(200);
    const page = await card(changed);
    expect(page).toContain('您的报名已通过资格审核。放弃报考后审核结果即作废，重新报名须重新进行资格审核，请慎重。');
    expect(page).toContain('确需更新报名表的，请在报名截止前<a href="/enrollment/2027/withdraw">放弃报考</a>');
  });

  it('says nothing to a candidate whose copied information did not change, also after saving 个人信息', async () => {
    // A new certificate, chosen in no step, is no change to what the 报名表 holds.
    const saved = await saveProfile(
      unchanged,
      {
        'certificates[0][kind]': '医师资格证书',
        'certificates[0][number]': '110000000000001',
        'certificates[0][issuedOn]': '2024-06',
        'certificates[0][issuer]': '某卫生健康委员会',
      },
      'copy2@example.cn',
    );
    expect(saved.text).toContain('个人信息已保存。');
    expect(saved.text).not.toContain('data-enrollment-copy-outdated');
    const page = await card(unchanged);
    expect(page).toContain('已提交');
    expect(page).not.toContain('data-copy-outdated');
    expect((await as(unchanged).get('/api/enrollment/2027').expect(200)).body.changedSinceSubmitted).toEqual([]);
  });
});
