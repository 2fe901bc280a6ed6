import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/bootstrap/create-app';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { READ_STORE, type ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import { TICKET_RUNS_COLLECTION, type TicketRunDocument } from '../../src/enrollment/tickets/ticket-run';
import { TicketBatch } from '../../src/enrollment/tickets/ticket-batch.service';
import { writeTestSeed } from './enrollment-fixture';
import { httpSessions, type Who } from './http-sessions';
import { registerWithProfile } from './candidate-with-profile';

const ADMIN = { username: 'exam_admin', password: 'a long admin secret 2027' };
type Candidate = Who & { id: string };

/** 发放准考证号 in the background: a run started, followed to its end, joined, and kept to its scope. */
describe('ticket batch runs', () => {
  jest.setTimeout(120_000);
  let app: NestFastifyApplication;
  let store: EventStore;
  let dataDir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ticket-runs-'));
    app = await createApp({
      env: {
        APP_ENV: 'test',
        PROJECTION_THREAD: 'false',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'error',
        CAPTCHA_MODE: 'test',
        SEED_CATALOG_FILE: writeTestSeed(dataDir, 50),
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      },
      logDestination: { write: () => undefined },
    });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const { sessionFrom, captcha, as, enrollThroughApi } = httpSessions(http);
  const signIn = async (username: string, password: string) =>
    sessionFrom(
      await http()
        .post('/api/staff-accounts/login')
        .send({ username, password, ...(await captcha()) })
        .expect(200),
    );
  const signInAdmin = () => signIn(ADMIN.username, ADMIN.password);
  const staffMember = async (username: string, scope: object) => {
    const password = `${username} secret phrase`;
    await as(await signInAdmin())
      .post('/api/admin/staff-accounts', { username, password, displayName: '考务', role: 'staff', ...scope })
      .expect(201);
    return signIn(username, password);
  };

  async function approvedAt(n: number, siteCode: string, admin: Who): Promise<Candidate> {
    const { id, login } = await registerWithProfile(http, store, captcha, {
      username: `run${n}`,
      password: `candidate secret ${n} phrase`,
      realName: `考生${'甲乙丙丁戊己'[n % 6]}号`,
      idSequence: n * 2 + 40,
      email: `r${n}@example.cn`,
    });
    const who = { ...(await sessionFrom(login)), id };
    await enrollThroughApi(who, { siteCode });
    await as(admin).post(`/api/staff/enrollments/2027/${id}/approve`, { reason: '' }).expect(200);
    return who;
  }

  /** Polls the run as its status page's script does, until it is no longer running. */
  async function followed(who: Who, location: string) {
    for (let tries = 0; tries < 200; tries += 1) {
      const { body } = await as(who).get(location).expect(200);
      if (body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`run ${location} still running`);
  }

  it('starts a run that numbers every approved enrollment of the scope, then one that changes nothing', async () => {
    const admin = await signInAdmin();
    const area11 = await staffMember('kaowu_run_11', { areaCode: '11' });
    const beijing = [await approvedAt(1, '1101', admin), await approvedAt(2, '1102', admin)];
    const tianjin = await approvedAt(3, '1201', admin);

    const started = await as(area11).post('/api/staff/tickets/2027/runs').expect(202);
    expect(started.body).toMatchObject({ sessionCode: '2027', startedBy: 'kaowu_run_11', started: true });
    expect(started.body).not.toHaveProperty('heartbeatAt');
    expect(started.headers.location).toBe(`/api/staff/tickets/runs/${started.body.runId}`);
    const done = await followed(area11, started.headers.location);
    expect(done).toMatchObject({
      status: 'done',
      phase: 'finished',
      approved: 2,
      allocated: 2,
      processed: 2,
      issued: 2,
    });
    expect(done.skippedCount).toBe(0);
    expect(done.finishedAt).toEqual(expect.any(String));

    for (const who of beijing) {
      const [enrollment] = (await as(who).get('/api/enrollment').expect(200)).body;
      expect(enrollment.ticketNumber).toMatch(/^\d{13}$/);
    }
    const [other] = (await as(tianjin).get('/api/enrollment').expect(200)).body;
    expect(other.ticketNumber).toBe('');

    const again = await as(area11).post('/api/staff/tickets/2027/runs').expect(202);
    expect(again.body.runId).not.toBe(started.body.runId);
    expect(await followed(area11, again.headers.location)).toMatchObject({ status: 'done', allocated: 0, issued: 0 });

    // The area's staff follow their own runs only; admins follow every run; nobody else learns of one.
    const area12 = await staffMember('kaowu_run_12', { areaCode: '12' });
    const hidden = await as(area12).get(started.headers.location).expect(404);
    expect(hidden.body.error.code).toBe('TICKET_RUN_NOT_FOUND');
    await as(admin).get(started.headers.location).expect(200);
    await as(admin).get('/api/staff/tickets/runs/0190f0f0-0000-7000-8000-000000000000').expect(404);
    const unknownSession = await as(area11).post('/api/staff/tickets/2099/runs').expect(404);
    expect(unknownSession.body.error.code).toBe('SESSION_NOT_FOUND');
  });

  it('joins a run of the same session and scope that is still going instead of starting another', async () => {
    const area13 = await staffMember('kaowu_run_13', { areaCode: '13' });
    const runs = await app.get<ReadStore>(READ_STORE).collection<TicketRunDocument>(TICKET_RUNS_COLLECTION);
    const now = new Date().toISOString();
    const going: TicketRunDocument = {
      runId: '0190f0f0-0000-7000-8000-00000000aaaa',
      sessionCode: '2027',
      scopeKey: 'area:13',
      scope: { areaCode: '13' },
      startedBy: { id: 'elsewhere', username: 'kaowu_other_process', role: 'staff' },
      startedAt: now,
      heartbeatAt: now,
      finishedAt: null,
      status: 'running',
      phase: 'recording',
      approved: 1000,
      allocated: 1000,
      processed: 400,
      issued: 400,
      skippedCount: 0,
      skipped: [],
      error: null,
    };
    // Another process's run, alive by its heartbeat: a second click anywhere joins it.
    await runs.put(going.runId, going, 1n, { expectedPosition: null });
    const joined = await as(area13).post('/api/staff/tickets/2027/runs').expect(202);
    expect(joined.body).toMatchObject({ runId: going.runId, started: false, status: 'running', processed: 400 });
    const page = await as(area13).form('/staff/review/2027/tickets/issue', {});
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/staff/review/2027/tickets/runs/${going.runId}`);
    const progress = await as(area13).get(page.headers.location).expect(200);
    expect(progress.text).toContain('data-refresh-while-running');
    expect(progress.text).toContain('已处理 400 / 1000 条报名');
    expect(progress.text).toContain('正在将准考证号记入报名');

    // Its process stopped writing: the run shows as interrupted, and a click starts a new one.
    const stale = new Date(Date.now() - 60_000).toISOString();
    const exhausted = {
      enrollmentId: '2027_x',
      code: 'TICKET_SEQUENCE_EXHAUSTED',
      message: '考点1301类别110的准考证号（001–999）已用完，未分配',
    };
    await runs.put(going.runId, { ...going, heartbeatAt: stale, skippedCount: 1, skipped: [exhausted] }, 2n);
    const interrupted = await as(area13).get(`/api/staff/tickets/runs/${going.runId}`).expect(200);
    expect(interrupted.body.status).toBe('interrupted');
    const shown = await as(area13).get(`/staff/review/2027/tickets/runs/${going.runId}`).expect(200);
    expect(shown.text).toContain('已中断');
    expect(shown.text).toContain(
      'role="status">已中断：本次新分配准考证号 1000 个，记入报名 400 条；可再次发放准考证号完成其余报名</p>',
    );
    expect(shown.text).toContain('再次发放准考证号');
    expect(shown.text).not.toContain('data-refresh-while-running');
    // What was skipped, and what staff can do about numbers run out.
    expect(shown.text).toContain(
      '2027_x：考点1301类别110的准考证号（001–999）已用完，未分配（TICKET_SEQUENCE_EXHAUSTED）',
    );
    expect(shown.text).toContain('每年最多 999 个准考证号');
    const fresh = await as(area13).post('/api/staff/tickets/2027/runs').expect(202);
    expect(fresh.body).toMatchObject({ started: true });
    expect(fresh.body.runId).not.toBe(going.runId);
    expect(await followed(area13, fresh.headers.location)).toMatchObject({ status: 'done' });
  });

  it('shows a small batch done at once from the review page, and the last run beside the button', async () => {
    const admin = await signInAdmin();
    const site1101 = await staffMember('kaowu_run_1101', { siteCode: '1101' });
    await approvedAt(4, '1101', admin);
    const clicked = Date.now();
    const posted = await as(site1101).form('/staff/review/2027/tickets/issue', {});
    const waited = Date.now() - clicked;
    expect(posted.status).toBe(303);
    let page = await as(site1101).get(posted.headers.location).expect(200);
    // Done at once unless the answer waited its whole 2 s (a machine busy with other suites):
    // then the page follows the run, as its script does, until it ends.
    if (page.text.includes('data-refresh-while-running')) {
      expect(waited).toBeGreaterThanOrEqual(2_000);
      await followed(site1101, posted.headers.location.replace('/staff/review/2027/tickets', '/api/staff/tickets'));
      page = await as(site1101).get(posted.headers.location).expect(200);
    }
    expect(page.text).toContain('已完成');
    expect(page.text).toContain(
      '<p id="ticket-run-announcement" class="visually-hidden" role="status">已完成：本次新分配准考证号 1 个，记入报名 1 条</p>',
    );
    expect(page.text).toContain('本次新分配准考证号 1 个，记入报名 1 条');
    expect(page.text).not.toContain('data-refresh-while-running');
    const review = await as(site1101).get('/staff/review?session=2027').expect(200);
    expect(review.text).toMatch(/上次发放：.*由 kaowu_run_1101 开始，已完成，新分配 1 个，记入报名 1 条/);
    expect(review.text).toContain(`href="${posted.headers.location}"`);
    // Another scope's staff are not shown the run's page.
    const area11 = await signIn('kaowu_run_11', 'kaowu_run_11 secret phrase');
    expect((await as(area11).get(posted.headers.location)).status).toBe(404);
  });

  it('stops a batch before it numbers anything when its signal is already given', async () => {
    const admin = await signInAdmin();
    const waiting = await approvedAt(5, '1401', admin);
    const context = { actor: { id: 'admin', role: 'admin' as const }, correlationId: 'stopped', now: new Date() };
    const stopped = await app
      .get(TicketBatch)
      .issue('2027', { areaCode: '14' }, context, { signal: AbortSignal.abort() });
    expect(stopped).toMatchObject({ interrupted: true, allocated: 0, issued: 0, lastPosition: null });
    const [enrollment] = (await as(waiting).get('/api/enrollment').expect(200)).body;
    expect(enrollment.ticketNumber).toBe('');
    // Nothing was held back for it: the next run numbers it as the first of its site.
    const area14 = await staffMember('kaowu_run_14', { areaCode: '14' });
    const run = await as(area14).post('/api/staff/tickets/2027/runs').expect(202);
    expect(await followed(area14, run.headers.location)).toMatchObject({ status: 'done', allocated: 1, issued: 1 });
  });
});
