import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { encode } from 'jpeg-js';
import request from 'supertest';
import { EnrollmentQueries } from '../../src/enrollment/enrollment-queries';
import { EnrollmentDecisions } from '../../src/enrollment/enrollment-decisions';
import { SeatLedger } from '../../src/enrollment/seats/seat-ledger.service';
import { READ_STORE, type ReadStore } from '../../src/infrastructure/read-store/read-store.port';
import {
  ENROLLMENT_TABLE_COLLECTION,
  type EnrollmentRow,
} from '../../projections/enrollment-table/enrollment-table.projection';
import { createApp } from '../../src/bootstrap/create-app';
import { formatBeijingTime } from '../../src/catalog/browse-catalog/catalog-dates';
import { toNewEvents } from '../../src/infrastructure/command-handling/event-sourced-handler';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import { EventStoreUnavailableError } from '../../src/infrastructure/event-store/event-store.errors';
import { ProjectionRunner } from '../../src/infrastructure/projections/projection-runner';
import { siteStream } from '../../src/enrollment/seats/seat.events';
import { enrollmentStream } from '../../src/enrollment/enrollment.events';
import { isValidTicketNumber, parseTicketNumber, ticketNumber } from '../../src/enrollment/tickets/ticket-number';
import { residentId } from './accounts-support';
import { nameSortKey } from '../../src/shared/name-sort-key';
import { ensureBuilt } from '../e2e/support/build';
import { readZip } from '../support/read-zip';
import { writeTestSeed } from './enrollment-fixture';
import { registerWithProfile } from './candidate-with-profile';
import { httpSessions } from './http-sessions';

const ADMIN = { username: 'exam_admin', password: 'a long admin secret 2027' };

interface Session {
  cookie: string;
  csrf: string;
  id: string;
}

/** A plain JPEG of this size and shade (the configured 证件照 is 215×300, at most 30 KB). */
function jpeg(width: number, height: number, shade: number): Buffer {
  return encode({ data: Buffer.alloc(width * height * 4, shade), width, height }, 50).data;
}

/** Supertest's parser for a binary body: the bytes as they came. */
function binary(res: request.Response, done: (error: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

describe.each([
  ['in the request thread', 'false'],
  ['in the projection thread', 'true'],
])(
  'enrollment API, projections %s: the journey, 名额已满, change of site, withdrawal, review and tickets',
  (_where, projectionThread) => {
    jest.setTimeout(120_000);
    let app: NestFastifyApplication;
    let store: EventStore;
    let dataDir: string;
    const http = () => request(app.getHttpServer());
    const logLines: string[] = [];

    beforeAll(async () => {
      if (projectionThread === 'true') ensureBuilt(); // the thread runs the compiled script
      dataDir = mkdtempSync(join(tmpdir(), 'enrollment-api-'));
      app = await createApp({
        env: {
          APP_ENV: 'test',
          PROJECTION_THREAD: projectionThread,
          DATA_DIR: dataDir,
          LOG_LEVEL: 'error',
          CAPTCHA_MODE: 'test',
          SEED_CATALOG_FILE: writeTestSeed(dataDir, 1),
          ADMIN_USERNAME: ADMIN.username,
          ADMIN_PASSWORD: ADMIN.password,
        },
        logDestination: {
          write: (line: string) => {
            logLines.push(line);
            if (process.env.DEBUG_LOG) process.stderr.write(line);
          },
        },
      });
      await app.init();
      store = app.get<EventStore>(EVENT_STORE);
    });
    afterAll(async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    const { sessionFrom, captcha, as, enrollThroughApi } = httpSessions(http);

    /** Registers, completes the profile (education, training, employment) and signs in. */
    async function candidate(n: number): Promise<Session> {
      const { id, login } = await registerWithProfile(http, store, captcha, {
        username: `kaosheng${n}`,
        password: `candidate secret ${n} phrase`,
        realName: `考生${'甲乙丙丁戊己庚辛壬癸'[n % 10]}${n >= 10 ? '甲乙丙丁戊己庚辛壬癸'[Math.floor(n / 10)] : ''}`,
        idSequence: n * 2,
        email: `k${n}@example.cn`,
      });
      return { ...(await sessionFrom(login)), id };
    }

    const caughtUp = async () => {
      const runner = app.get(ProjectionRunner);
      expect(await runner.waitFor(await store.headPosition(), runner.names(), 10_000)).toBe(true);
    };

    const signInAdmin = async () =>
      sessionFrom(
        await http()
          .post('/api/staff-accounts/login')
          .send({ ...ADMIN, ...(await captcha()) })
          .expect(200),
      );

    /** A staff account of this scope, created by the admin, signed in. */
    const staffMember = async (username: string, scope: object) => {
      const admin = await signInAdmin();
      const account = { username, password: `${username} secret phrase`, displayName: '考务', role: 'staff' };
      await as(admin)
        .post('/api/admin/staff-accounts', { ...account, ...scope })
        .expect(201);
      const login = await http()
        .post('/api/staff-accounts/login')
        .send({ username, password: account.password, ...(await captcha()) })
        .expect(200);
      return sessionFrom(login);
    };

    async function throughStep6(who: Session, siteCode: string, categoryCode = '110') {
      const api = as(who);
      const pledge = await api.get('/api/enrollment/pledge').expect(200);
      expect(pledge.body.version).toBe('v1');
      const categories = await api.get('/api/enrollment/2027/categories?q=临床').expect(200);
      expect(categories.body.map((c: { code: string }) => c.code)).toEqual(['110', '210']);
      await enrollThroughApi(who, { siteCode, categoryCode, submit: false });
      expect((await api.get('/api/enrollment/2027').expect(200)).body.nextStep).toBe(7);
    }

    it('runs the journey and keeps a site within its capacity of one', async () => {
      const first = await candidate(1);
      const second = await candidate(2);
      await throughStep6(first, '1101');
      await throughStep6(second, '1101');

      const submitted = await as(first).post('/api/enrollment/2027/submit').expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', seatSiteCode: '1101' });
      // 学历 and 学位 both reach the form staff review and the candidate prints.
      expect(submitted.body.qualifications.education[0]).toMatchObject({
        degree: '大学本科',
        academicDegree: '学士',
        studyForm: '全日制',
      });
      expect((await as(first).get('/enrollment/2027/print').expect(200)).text).toContain('大学本科/学士');
      const mine = await as(first).get('/api/enrollment').expect(200);
      expect(mine.body[0]).toMatchObject({
        categoryCode: '110',
        siteCode: '1101',
        status: 'submitted',
        areaName: '北京市',
      });

      const before = await store.headPosition();
      const full = await as(second).post('/api/enrollment/2027/submit').expect(422);
      expect(full.body.error).toMatchObject({ code: 'SITE_FULL', message: '名额已满' });
      expect(await store.headPosition()).toBe(before);

      const sites = await as(second).get('/api/enrollment/2027/sites?area=11').expect(200);
      expect(sites.body.find((s: { siteCode: string }) => s.siteCode === '1101')).toMatchObject({
        held: 1,
        remaining: 0,
      });

      // Rejected, the first candidate still finds the full site where they hold the seat in step 6.
      const admin = await signInAdmin();
      await as(admin).post(`/api/staff/enrollments/2027/${first.id}/reject`, { reason: '照片不清晰' }).expect(200);
      const firstStep6 = (await as(first).get('/enrollment/2027/step/6?area=11').expect(200)).text;
      expect(firstStep6).toContain('id="site-1101"');
      expect(firstStep6).toMatch(/<option value="11" selected>/); // the area whose sites are listed
      expect((await as(second).get('/enrollment/2027/step/6?area=11').expect(200)).text).not.toContain(
        'id="site-1101"',
      );
    });

    it('answers a step without waiting for the read models; the list then waits for the candidate’s own step', async () => {
      const who = await candidate(0);
      const api = as(who);
      await api.post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
      const runner = app.get(ProjectionRunner);
      await runner.stop(); // the read models fall behind
      try {
        const saved = await api.put('/api/enrollment/2027/basic-info').expect(200);
        expect(saved.body.nextStep).toBe(3); // from the command's own state, not a read model
        const listed = api.get('/api/enrollment').then((res) => res);
        await new Promise((resolve) => setTimeout(resolve, 100));
        runner.start();
        const list = await listed;
        expect(list.status).toBe(200);
        expect(list.body[0]).toMatchObject({ categoryCode: '110', step: 3 });
      } finally {
        runner.start();
      }
    });

    it('answers 提交 without waiting for the read models; the list and the free places then wait for it', async () => {
      const who = await candidate(8);
      await throughStep6(who, '1103');
      const heldAt1103 = async (res: request.Response) =>
        (res.body as Array<{ siteCode: string; held: number }>).find((s) => s.siteCode === '1103')!.held;
      const heldBefore = await heldAt1103(await as(who).get('/api/enrollment/2027/sites?area=11').expect(200));
      const runner = app.get(ProjectionRunner);
      await runner.stop(); // the read models fall behind
      try {
        const submitted = await as(who).post('/api/enrollment/2027/submit').expect(200);
        expect(submitted.body).toMatchObject({ status: 'submitted', seatSiteCode: '1103' });
        const listed = as(who)
          .get('/api/enrollment')
          .then((res) => res);
        const freePlaces = as(who)
          .get('/api/enrollment/2027/sites?area=11')
          .then((res) => res);
        await new Promise((resolve) => setTimeout(resolve, 100));
        runner.start();
        const [list, sites] = await Promise.all([listed, freePlaces]);
        expect(list.body[0]).toMatchObject({ siteCode: '1103', status: 'submitted' });
        expect(await heldAt1103(sites)).toBe(heldBefore + 1);
      } finally {
        runner.start();
      }
    });

    it('changes site (one seat throughout), withdraws, and enrolls again in the same stream', async () => {
      const who = await candidate(3);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const moved = await as(who).put('/api/enrollment/2027/change-site', { siteCode: '1103' }).expect(200);
      expect(moved.body.seatSiteCode).toBe('1103');
      const heldAt = async (site: string) => {
        const events = await store.readStream(siteStream('2027', site));
        const mine = events.filter((e) => (e.data as { enrollmentId: string }).enrollmentId === `2027_${who.id}`);
        return mine.filter((e) => e.type === 'SeatHeld').length - mine.filter((e) => e.type === 'SeatReleased').length;
      };
      expect([await heldAt('1102'), await heldAt('1103')]).toEqual([0, 1]);

      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      expect(await heldAt('1103')).toBe(0);
      await throughStep6(who, '1102');
      const again = await as(who).post('/api/enrollment/2027/submit').expect(200);
      expect(again.body).toMatchObject({ status: 'submitted', attempt: 2 });
      const types = (await store.readStream(enrollmentStream('2027', who.id))).map((e) => e.type);
      expect(types.filter((t) => t === 'EnrollmentStarted')).toHaveLength(2);
    });

    it('lets staff approve with their name on it, issues tickets once, and the candidate sees the number', async () => {
      const who = await candidate(4);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const admin = await signInAdmin();

      // Staff see a submission once it is projected (the candidate's 提交 does not wait for that).
      await caughtUp();
      const table = await as(admin).get('/api/staff/enrollments?session=2027&site=1102&status=submitted').expect(200);
      expect(table.body.rows.map((r: { candidateId: string }) => r.candidateId)).toContain(who.id);
      await as(admin).post(`/api/staff/enrollments/2027/${who.id}/reject`, { reason: '' }).expect(400);
      const approval = await as(admin)
        .post(`/api/staff/enrollments/2027/${who.id}/approve`, { reason: '材料齐全' })
        .expect(200);
      expect(approval.body.status).toBe('approved');
      expect(Object.keys(approval.body)).not.toContain('qualificationsDraft'); // a candidate's unsent selection
      const approvedEvent = (await store.readStream(enrollmentStream('2027', who.id))).find(
        (e) => e.type === 'EnrollmentApproved',
      )!;
      expect(approvedEvent.metadata.actor.role).toBe('admin');
      expect((approvedEvent.data as { staffId: string }).staffId).toBe(approvedEvent.metadata.actor.id);

      const issued = await as(admin).post('/api/staff/tickets/2027/issue').expect(200);
      expect(issued.body.issued).toBeGreaterThanOrEqual(1);
      const headAfterFirst = await store.headPosition();
      const again = await as(admin).post('/api/staff/tickets/2027/issue').expect(200);
      expect(again.body).toMatchObject({ allocated: 0, issued: 0 });
      expect(await store.headPosition()).toBe(headAfterFirst);

      const mine = await as(who).get('/api/enrollment').expect(200);
      expect(isValidTicketNumber(mine.body[0].ticketNumber)).toBe(true);
      // Numbered, the approval stands: the staff page offers no 不通过 that could only be refused.
      const detail = (await as(admin).get(`/staff/review/2027/${who.id}`).expect(200)).text;
      expect(detail).not.toContain('value="reject"');
      expect(detail).toContain(`准考证号 ${mine.body[0].ticketNumber as string} 已发放，审核结果不能再改为不通过`);
      // Nor does the list's row: 报名变更 only.
      const list = (await as(admin).get('/staff/review?session=2027').expect(200)).text;
      const row = list.slice(list.indexOf(`data-enrollment="2027_${who.id}"`));
      const rowHtml = row.slice(0, row.indexOf('</tr>'));
      expect(rowHtml).not.toContain('value="reject"');
      expect(rowHtml).toContain(`/staff/review/2027/${who.id}/changes`);
      expect(mine.body[0]).toMatchObject({ status: 'approved', room: 1, seat: 1, decisionReason: '材料齐全' });
      // The candidate learns the decision, not the reviewer's account name.
      expect(mine.body[0]).not.toHaveProperty('decidedBy');
      const own = (await as(who).get('/api/enrollment/2027').expect(200)).body;
      expect(own.decision).toEqual({ outcome: 'approved', reason: '材料齐全' });
      expect(JSON.stringify(own)).not.toContain(approvedEvent.metadata.actor.id);

      const csv = await as(admin).get('/api/staff/enrollments.csv?session=2027&status=approved').expect(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.text).toContain(mine.body[0].ticketNumber);

      // The same rows as an Excel workbook, the ticket number as text (never 1.1E+12), room and seat as numbers.
      const xlsx = await as(admin)
        .get('/api/staff/enrollments.xlsx?session=2027&status=approved')
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(xlsx.headers['content-disposition']).toContain('enrollments-2027.xlsx');
      const sheet = readZip(xlsx.body as Buffer)
        .get('xl/worksheets/sheet1.xml')!
        .toString();
      expect(sheet).toContain('<t>准考证号</t>');
      expect(sheet).toContain(`t="inlineStr"><is><t>${mine.body[0].ticketNumber}</t></is></c><c r="P2"><v>1</v></c>`);
      const csvLines = csv.text.trim().split('\r\n').length;
      expect(sheet.match(/<row /g)).toHaveLength(csvLines); // header and every row, as in the CSV
    });

    it('approves the ticked enrollments at once, each on the revision the list showed, and reports the others', async () => {
      const [first, second, drafting] = [await candidate(43), await candidate(54), await candidate(65)];
      for (const who of [first, second]) {
        await throughStep6(who, '1102');
        await as(who).post('/api/enrollment/2027/submit').expect(200);
      }
      await throughStep6(drafting, '1102'); // not submitted: nothing to approve
      const admin = await signInAdmin();
      await caughtUp();
      const rows = (await as(admin).get('/api/staff/enrollments?session=2027&site=1102&status=submitted&pageSize=200'))
        .body.rows as Array<{ candidateId: string; revision: number }>;
      const revisionOf = (who: Session) => rows.find((row) => row.candidateId === who.id)!.revision;

      const batchOf = (body: object) => as(admin).post('/api/staff/enrollments/2027/approve-batch', body);
      const tooMany = Array.from({ length: 201 }, (_, n) => ({ candidateId: `c${n}` }));
      for (const [body, code] of [
        [{}, 'SELECTION_REQUIRED'],
        [{ enrollments: [] }, 'SELECTION_REQUIRED'],
        [{ enrollments: tooMany }, 'SELECTION_TOO_LARGE'],
      ] as const) {
        const refused = await batchOf(body).expect(400);
        expect(refused.body.error.fields[0]).toMatchObject({ field: 'enrollments', code });
      }
      const batch = await batchOf({
        enrollments: [
          { candidateId: first.id, revision: revisionOf(first) },
          { candidateId: second.id, revision: revisionOf(second) - 1 }, // an older look: changed since
          { candidateId: drafting.id },
          { candidateId: first.id, revision: revisionOf(first) - 1 }, // ticked again: the first tick counts
        ],
        reason: '材料齐全',
      }).expect(200);
      expect(batch.body).toEqual({
        approved: [first.id],
        refused: [
          expect.objectContaining({ candidateId: second.id, code: 'ENROLLMENT_CHANGED' }),
          expect.objectContaining({ candidateId: drafting.id, code: 'NOT_SUBMITTED' }),
        ],
      });
      const approvals = (await store.readStream(enrollmentStream('2027', first.id))).filter(
        (event) => event.type === 'EnrollmentApproved',
      );
      expect(approvals).toHaveLength(1);
      expect(approvals[0].data).toMatchObject({ reason: '材料齐全' });

      // The page: rows ticked with their revision; a refusal is named on the list, approvals counted.
      const list = (await as(admin).get('/staff/review?session=2027&site=1102&status=submitted').expect(200)).text;
      const tick = `${second.id}@${revisionOf(second)}`;
      expect(list).toContain(`form="approve-batch" name="select" value="${tick}"`);
      expect(list).not.toContain(`value="${first.id}@`); // approved: nothing to tick
      const form = (fields: Record<string, string | string[]>) =>
        http()
          .post('/staff/review/2027/approve-batch')
          .set('Cookie', admin.cookie)
          .type('form')
          .send({ _csrf: admin.csrf, back: 'session=2027&site=1102&notice=batch&approved=99', ...fields });
      const none = await form({});
      expect(none.status).toBe(400);
      expect(none.text).toContain('请先勾选要审核通过的报名');
      const mixed = await form({ select: [`${drafting.id}@0`, tick] });
      expect(mixed.status).toBe(200);
      expect(mixed.text).toContain('已审核通过 1 条。以下 1 条未能通过，请逐条查看：');
      expect(mixed.text).toMatch(/<li>考生\S+：该报名在您查看之后已有变化[^<]*<\/li>/);
      // Sent again (a reload): the same decision by the same staff member is no conflict, and no second approval.
      const done = await form({ select: [tick] });
      expect(done.status).toBe(303);
      const location = new URL(done.headers.location, 'http://x');
      expect(location.searchParams.getAll('approved')).toEqual(['1']); // not the 99 the form's back carried
      expect(location.searchParams.get('site')).toBe('1102');
      expect((await as(admin).get(`${location.pathname}${location.search}`).expect(200)).text).toContain(
        '已审核通过 1 条。',
      );
      expect((await as(second).get('/api/enrollment').expect(200)).body[0]).toMatchObject({ status: 'approved' });
      const secondApprovals = (await store.readStream(enrollmentStream('2027', second.id))).filter(
        (event) => event.type === 'EnrollmentApproved',
      );
      expect(secondApprovals).toHaveLength(1);
    });

    it('stops a batch approval when the store fails, answering the failure once the approvals before it are readable', async () => {
      const [first, second] = [await candidate(76), await candidate(87)];
      for (const who of [first, second]) {
        await throughStep6(who, '1102');
        await as(who).post('/api/enrollment/2027/submit').expect(200);
      }
      const admin = await signInAdmin();
      const decisions = app.get(EnrollmentDecisions);
      const execute = decisions.execute.bind(decisions);
      let calls = 0;
      const failing = jest.spyOn(decisions, 'execute').mockImplementation(async (...args) => {
        if (++calls === 2) throw new EventStoreUnavailableError(new Error('disk gone'));
        return execute(...args);
      });
      try {
        const stopped = await as(admin)
          .post('/api/staff/enrollments/2027/approve-batch', {
            enrollments: [{ candidateId: first.id }, { candidateId: second.id }],
          })
          .expect(503);
        expect(stopped.body.error.code).toBe('EVENT_STORE_UNAVAILABLE');
      } finally {
        failing.mockRestore();
      }
      // No wait for the projection here: the answer came after the approval was readable.
      const listed = (await as(admin).get('/api/staff/enrollments?session=2027&site=1102&pageSize=200').expect(200))
        .body.rows as Array<{ candidateId: string; status: string }>;
      expect(listed.find((row) => row.candidateId === first.id)?.status).toBe('approved');
      expect(listed.find((row) => row.candidateId === second.id)?.status).toBe('submitted');
    });

    it('refuses an Excel export past a worksheet’s rows, pointing to a filter or the CSV', async () => {
      const admin = await signInAdmin();
      const count = jest.spyOn(EnrollmentQueries.prototype, 'count').mockResolvedValue(1_048_576);
      try {
        const refused = await as(admin).get('/api/staff/enrollments.xlsx?session=2027').expect(422);
        expect(refused.body.error).toMatchObject({ code: 'EXPORT_TOO_LARGE' });
        expect(refused.body.error.message).toContain('导出 CSV');
      } finally {
        count.mockRestore();
      }
      await as(admin).get('/api/staff/enrollments.xlsx?session=2027').expect(200);
    });

    it('exports the CSV in the order the table shows, sorted by name as well as by submission', async () => {
      for (const n of [21, 32, 52, 53]) {
        const who = await candidate(n); // 考生乙丙, 考生丙丁, 考生丙己, 考生丁己
        await throughStep6(who, '1102');
        await as(who).post('/api/enrollment/2027/submit').expect(200);
      }
      const admin = await signInAdmin();
      await caughtUp();
      for (const query of ['sort=candidateName&order=asc', 'sort=candidateName&order=desc', 'order=asc']) {
        const shown = (
          await as(admin).get(`/api/staff/enrollments?session=2027&pageSize=200&${query}`).expect(200)
        ).body.rows.map(
          // The CSV gives the time the page shows (Beijing), to the second: compared in the page's words.
          (row: { candidateName: string; submittedAt: string }) =>
            `${row.candidateName},${formatBeijingTime(row.submittedAt)}`,
        );
        expect(shown.length).toBeGreaterThanOrEqual(2);
        if (query === 'sort=candidateName&order=asc') {
          // By pinyin, as Chinese lists go (丙 bing before 丁 ding), not by code point (丁 U+4E01 before 丙 U+4E19).
          const names = shown.map((line: string) => line.split(',')[0]);
          expect(names).toEqual([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1)));
          expect(names.indexOf('考生丙己')).toBeLessThan(names.indexOf('考生丁己'));
        }
        const lines = (await as(admin).get(`/api/staff/enrollments.csv?session=2027&${query}`).expect(200)).text
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(','))
          .map((cells) => {
            const [, y, m, d, time] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}:\d{2}):\d{2}$/.exec(cells[11])!;
            return `${cells[1]},${y}年${Number(m)}月${Number(d)}日 ${time}`;
          });
        expect(lines).toEqual(shown);
      }
    });

    it('shows staff the whole submission, and decides only on the enrollment as they saw it', async () => {
      const who = await candidate(15);
      const uploadPhoto = async (shade: number) =>
        (
          await http()
            .post('/api/profile/photo')
            .set('Cookie', who.cookie)
            .set('X-CSRF-Token', who.csrf)
            .attach('photo', jpeg(215, 300, shade), 'photo.jpg')
            .expect(200)
        ).body.photo.sha256 as string;
      const submittedPhoto = await uploadPhoto(200);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const laterPhoto = await uploadPhoto(120); // after submission: not what staff review
      const admin = await signInAdmin();
      await caughtUp();
      const rows = (await as(admin).get('/api/staff/enrollments?session=2027&site=1102').expect(200)).body.rows;
      const row = rows.find((r: { candidateId: string }) => r.candidateId === who.id);
      const one = await as(admin).get(`/api/staff/enrollments/2027/${who.id}`).expect(200);
      expect(one.body).toMatchObject({ status: 'submitted', revision: row.revision });
      expect(one.body.qualifications.education[0]).toMatchObject({ school: '某医学院（测试）', major: '临床医学' });

      const detailPath = `/staff/review/2027/${who.id}`;
      const revisionOn = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];
      const page = await as(admin).get(detailPath).expect(200);
      const photoPath = `${detailPath}/photo/${submittedPhoto}.jpg`;
      expect(page.text).toContain(`<img class="profile-photo" src="${photoPath}"`);
      expect(page.text).toContain('提交报名时的证件照');
      expect(page.text).not.toContain(laterPhoto);
      const photo = await as(admin).get(photoPath).expect(200);
      expect(photo.headers['content-type']).toBe('image/jpeg');
      expect(photo.headers['cache-control']).toBe('private, no-cache'); // access follows the scope, which may change
      // Only the photo the page shows, and only to staff whose scope covers the enrollment.
      await as(admin).get(`${detailPath}/photo/${laterPhoto}.jpg`).expect(404);
      await as(admin).get(`/profile/photo/${submittedPhoto}.jpg`).expect(403);
      await as(await staffMember('kaowu_photo_1102', { siteCode: '1102' }))
        .get(photoPath)
        .expect(200);
      await as(await staffMember('kaowu_photo_1103', { siteCode: '1103' }))
        .get(photoPath)
        .expect(403);
      for (const shown of [
        '教育经历',
        '某医学院（测试） 临床医学 大学本科/学士 全日制（2014-09至2019-07）',
        '尚未发放', // 准考证号 before the batch, not the 未填写 of a field the candidate left blank
        '某医院（测试）',
        '已提交，待审核',
      ])
        expect(page.text).toContain(shown);
      // Enter in the reason box submits through the form's first button: a disabled one decides nothing.
      expect(page.text).toMatch(
        /<form method="post" action="\/staff\/review\/2027\/[^"]+" novalidate>\s*<input[^>]*_csrf[^>]*>\s*(<!--[^>]*-->\s*)?<button type="submit" disabled hidden/,
      );
      const seen = revisionOn(page.text);
      const decide = (fields: Record<string, string>) =>
        http()
          .post(detailPath)
          .set('Cookie', admin.cookie)
          .type('form')
          .send({ _csrf: admin.csrf, from: 'detail', ...fields });

      // Meanwhile the candidate withdraws, enrolls again and submits: not what the page showed.
      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const before = await store.headPosition();
      const stale = await decide({ revision: seen, outcome: 'approve', reason: '' });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('该报名在您查看之后已有变化');
      const staleApi = await as(admin).post(`/api/staff/enrollments/2027/${who.id}/approve`, {
        reason: '',
        revision: row.revision,
      });
      expect([staleApi.status, staleApi.body.error.code]).toEqual([409, 'ENROLLMENT_CHANGED']);
      const fresh = revisionOn(stale.text); // the page shown again is the enrollment as it is now
      const noButton = await decide({ revision: fresh, reason: '材料齐全' });
      expect(noButton.status).toBe(400);
      expect(noButton.text).toContain('请点击“通过”或“不通过”');
      expect(await store.headPosition()).toBe(before);

      const approved = await decide({ revision: fresh, outcome: 'approve', reason: '材料齐全' });
      expect(approved.status).toBe(303);
      const doubleClick = await decide({ revision: fresh, outcome: 'approve', reason: '材料齐全' });
      expect(doubleClick.status).toBe(303); // the same decision again: made already, not a conflict
      const pinned = { revision: Number(fresh) };
      await as(admin)
        .post(`/api/staff/enrollments/2027/${who.id}/approve`, { ...pinned, reason: '材料齐全' })
        .expect(200);
      // Not the decision made since (another note): a conflict, though the outcome would be the same.
      const otherNote = await as(admin).post(`/api/staff/enrollments/2027/${who.id}/approve`, {
        ...pinned,
        reason: '另一条意见',
      });
      expect([otherNote.status, otherNote.body.error.code]).toEqual([409, 'ENROLLMENT_CHANGED']);
      const after = await as(admin).get(approved.headers.location).expect(200);
      expect(after.text).toContain('已审核通过。');
      expect(after.text).toContain('审核通过');
      expect(after.text).toContain('材料齐全');

      // Withdrawn and started again (a draft): no page for staff now; the list answers the decision.
      const last = revisionOn(after.text);
      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      await as(who).post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
      const gone = await decide({ revision: last, outcome: 'reject', reason: '材料不全', back: 'status=submitted' });
      expect(gone.status).toBe(409);
      expect(gone.text).toContain('<h1 class="heading-xl">资格审核</h1>');
      expect(gone.text).toContain('该报名在您查看之后已有变化');
    });

    it('shows staff no drafts, and numbers a candidate again who withdrew after the ticket and enrolled elsewhere', async () => {
      const who = await candidate(9);
      const admin = await signInAdmin();
      const approveAndIssue = async () => {
        await caughtUp();
        await as(admin).post(`/api/staff/enrollments/2027/${who.id}/approve`, { reason: '材料齐全' }).expect(200);
        await as(admin).post('/api/staff/tickets/2027/issue').expect(200);
        return (await as(who).get('/api/enrollment').expect(200)).body[0] as { ticketNumber: string; attempt: number };
      };

      await throughStep6(who, '1102');
      await caughtUp();
      const listed = async () =>
        (await as(admin).get('/api/staff/enrollments?session=2027&site=1102').expect(200)).body.rows.map(
          (row: { candidateId: string }) => row.candidateId,
        );
      expect(await listed()).not.toContain(who.id); // a draft is not an application staff review
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await caughtUp();
      expect(await listed()).toContain(who.id);
      const first = await approveAndIssue();
      expect(parseTicketNumber(first.ticketNumber)?.siteCode).toBe('1102');

      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      await throughStep6(who, '1103');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const second = await approveAndIssue();
      expect(isValidTicketNumber(second.ticketNumber)).toBe(true);
      expect(parseTicketNumber(second.ticketNumber)?.siteCode).toBe('1103');
      expect(second.ticketNumber).not.toBe(first.ticketNumber);
    });

    it('shows nobody a withdrawn enrollment’s approval or voided ticket as current: page, API, staff list', async () => {
      const who = await candidate(17);
      const admin = await signInAdmin();
      await throughStep6(who, '1103');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await caughtUp();
      await as(admin).post(`/api/staff/enrollments/2027/${who.id}/approve`, { reason: '材料齐全' }).expect(200);
      await as(admin).post('/api/staff/tickets/2027/issue').expect(200);
      const { ticketNumber } = (await as(who).get('/api/enrollment').expect(200)).body[0] as { ticketNumber: string };
      expect(isValidTicketNumber(ticketNumber)).toBe(true);
      const approvedPage = (await as(who).get('/enrollment').expect(200)).text;
      expect(approvedPage).toMatch(/审核通过（[^）]+）：材料齐全/);
      expect(approvedPage).toContain(ticketNumber);

      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      const page = (await as(who).get('/enrollment').expect(200)).text;
      expect(page).toContain('已放弃报考');
      for (const stale of ['审核结果', '材料齐全', ticketNumber]) expect(page).not.toContain(stale);
      expect((await as(who).get('/api/enrollment').expect(200)).body[0]).toMatchObject({
        status: 'withdrawn',
        decidedAt: '',
        decisionReason: '',
        ticketNumber: '',
        room: null,
        seat: null,
      });
      expect((await as(who).get('/api/enrollment/2027').expect(200)).body).toMatchObject({
        status: 'withdrawn',
        decision: null,
        ticket: null,
      });

      await caughtUp();
      const rows = (await as(admin).get('/api/staff/enrollments?session=2027&site=1103').expect(200)).body.rows;
      expect(rows.find((row: { candidateId: string }) => row.candidateId === who.id)).toMatchObject({
        status: 'withdrawn',
        decidedBy: '',
        decisionReason: '',
        ticketNumber: '',
      });
      const list = (await as(admin).get('/staff/review?session=2027&site=1103').expect(200)).text;
      const from = list.indexOf(`data-enrollment="2027_${who.id}"`);
      const rowHtml = list.slice(from, list.indexOf('</tr>', from));
      for (const stale of ['材料齐全', ticketNumber]) expect(rowHtml).not.toContain(stale);
      const detail = (await as(admin).get(`/staff/review/2027/${who.id}`).expect(200)).text;
      const [summary, actions] = detail.split('id="actions-title"');
      expect(summary).not.toContain(ticketNumber);
      // The 办理记录 tells what happened: the ticket issued, then voided by the candidate's 放弃报考.
      expect(actions.indexOf(ticketNumber)).toBeLessThan(
        actions.indexOf('考生本人放弃报考（此前的审核结果和准考证号作废）'),
      );

      // A row projected before withdrawal cleared them (an older version, not yet rebuilt) still
      // holds the decision and the ticket: the staff list, its page and the CSV leave them out too.
      const table = await app.get<ReadStore>(READ_STORE).collection<EnrollmentRow>(ENROLLMENT_TABLE_COLLECTION);
      const stored = (await table.get(`2027_${who.id}`))!;
      const stale = { ...stored.doc, decidedBy: 'admin', decisionReason: '材料齐全', ticketNumber, room: 1, seat: 1 };
      expect(await table.put(stored.id, stale, stored.position, { expectedPosition: stored.position })).toBe(true);
      const staleRows = (await as(admin).get('/api/staff/enrollments?session=2027&site=1103').expect(200)).body.rows;
      expect(staleRows.find((row: { candidateId: string }) => row.candidateId === who.id)).toMatchObject({
        decisionReason: '',
        ticketNumber: '',
      });
      // Other tests' candidates at 1103 may be approved with the same reason: only withdrawn lines count.
      const csv = (await as(admin).get('/api/staff/enrollments.csv?session=2027&site=1103').expect(200)).text;
      const withdrawnLines = csv.split('\n').filter((line) => line.includes('已放弃报考'));
      expect(withdrawnLines.length).toBeGreaterThan(0);
      const staleList = (await as(admin).get('/staff/review?session=2027&site=1103').expect(200)).text;
      const staleFrom = staleList.indexOf(`data-enrollment="2027_${who.id}"`);
      expect(staleFrom).toBeGreaterThan(0);
      for (const text of [...withdrawnLines, staleList.slice(staleFrom, staleList.indexOf('</tr>', staleFrom))])
        for (const voided of ['材料齐全', ticketNumber]) expect(text).not.toContain(voided);
      expect(csv).not.toContain(ticketNumber);
      expect((await as(who).get('/enrollment').expect(200)).text).not.toContain(ticketNumber);
    });

    it('keeps a rejected enrollment with the staff of its seat while the candidate’s new site is not resubmitted', async () => {
      const who = await candidate(13);
      const admin = await signInAdmin();
      const rowsAt = async (site: string) =>
        (await as(admin).get(`/api/staff/enrollments?session=2027&site=${site}`).expect(200)).body.rows.filter(
          (row: { candidateId: string }) => row.candidateId === who.id,
        );
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await caughtUp();
      await as(admin).post(`/api/staff/enrollments/2027/${who.id}/reject`, { reason: '照片不清晰' }).expect(200);
      await as(who).put('/api/enrollment/2027/site', { siteCode: '1103' }).expect(200); // step 6 again
      await caughtUp();

      expect(await rowsAt('1103')).toEqual([]);
      expect(await rowsAt('1102')).toMatchObject([{ status: 'rejected', siteCode: '1102', pendingSiteCode: '1103' }]);
      const page = await as(admin).get('/staff/review?session=2027&site=1102').expect(200);
      expect(page.text).toContain('考生已改选 1103');
      const from = page.text.indexOf(`data-enrollment="2027_${who.id}"`);
      const rowHtml = page.text.slice(from, page.text.indexOf('</tr>', from));
      expect(rowHtml).toContain('value="reject"');
      expect(rowHtml).not.toContain('value="approve"'); // RESUBMISSION_PENDING: nothing to approve yet
      const changes = await as(admin).get(`/staff/review/2027/${who.id}/changes`).expect(200);
      expect(changes.text).toContain('考生改选（未重新提交）');
      const listed = (await as(admin).get('/api/staff/enrollments?session=2027&site=1102').expect(200)).body.rows;
      expect(Object.keys(listed[0])).not.toContain('seatSite');
      expect((await as(who).get('/enrollment').expect(200)).text).toMatch(/（已改选[^，]+，重新提交后生效）/);

      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await caughtUp();
      expect(await rowsAt('1102')).toEqual([]);
      expect(await rowsAt('1103')).toMatchObject([{ status: 'submitted', siteCode: '1103', pendingSiteCode: '' }]);
    });

    it.each([
      ['CSV', 'csv'],
      ['Excel', 'xlsx'],
    ])(
      'logs an export to %s that fails part-way, once, with its correlation id (the 200 was already sent)',
      async (kind, extension) => {
        const admin = await signInAdmin();
        const failing = jest.spyOn(app.get(EnrollmentQueries), 'allRows').mockImplementation(async function* () {
          yield* [];
          throw new Error('read store gone');
        });
        const requestId = `${extension}-export-failure-0001`;
        try {
          await as(admin)
            .get(`/api/staff/enrollments.${extension}?session=2027`)
            .set('X-Request-Id', requestId)
            .buffer(true)
            .parse(binary)
            .then(
              (res) => expect((res.body as Buffer).toString()).not.toContain('read store gone'),
              () => undefined, // the connection is cut: that is how a broken download shows
            );
          const logged = logLines
            .map((line) => JSON.parse(line) as Record<string, unknown>)
            .filter((line) => line.correlationId === requestId && line.level === 50);
          expect(logged).toEqual([
            expect.objectContaining({
              msg: `enrollment ${kind} export failed part-way`,
              err: expect.objectContaining({ message: 'read store gone' }),
            }),
          ]);
        } finally {
          failing.mockRestore();
        }
      },
    );

    it('renders every enrollment page, and refuses a full site in step 6 (page and API) with 名额已满', async () => {
      const filler = await candidate(7);
      const sites = (await as(filler).get('/api/enrollment/2027/sites?area=11').expect(200)).body;
      if (sites.find((site: { siteCode: string }) => site.siteCode === '1101').remaining > 0) {
        await throughStep6(filler, '1101'); // fills the one seat (unless an earlier test did)
        await as(filler).post('/api/enrollment/2027/submit').expect(200);
      }
      const who = await candidate(6);
      await throughStep6(who, '1102');
      // The search reads a code typed with a Chinese IME as the code.
      const fullWidth = await as(who).get(`/api/enrollment/2027/categories?q=${encodeURIComponent('１ １０')}`);
      expect(fullWidth.body.map((c: { code: string }) => c.code)).toEqual(['110']);
      const pages = ['/enrollment', '/enrollment/2027/pledge', '/enrollment/2027/categories?pledge=v1&q=口腔']
        .concat([2, 3, 4, 5, 6].map((n) => `/enrollment/2027/step/${n}`))
        .concat(['/enrollment/2027/step/6?area=11', '/enrollment/2027/review', '/enrollment/2027/withdraw']);
      for (const path of pages) {
        const res = await as(who).get(path);
        expect([path, res.status]).toEqual([path, 200]);
      }
      // Step 2 shows what registration and the profile hold, no row that no page can fill in.
      const step2 = (await as(who).get('/enrollment/2027/step/2').expect(200)).text;
      expect(step2).toContain('证件号码');
      expect(step2).not.toContain('民族');
      const step6 = await as(who).get('/enrollment/2027/step/6?area=11');
      expect(step6.text).not.toContain('id="site-1101"');
      expect(step6.text).toContain('另有 1 个考点名额已满');

      const before = await store.headPosition();
      const viaApi = await as(who).put('/api/enrollment/2027/site', { siteCode: '1101' });
      expect([viaApi.status, viaApi.body.error.code]).toEqual([422, 'SITE_FULL']);
      const page = await http()
        .post('/enrollment/2027/step/6')
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf, action: 'next', areaCode: '11', siteCode: '1101' });
      expect(page.status).toBe(422);
      expect(page.text).toContain('名额已满');
      expect(await store.headPosition()).toBe(before);
      expect((await as(who).get('/api/enrollment/2027').expect(200)).body.site.siteCode).toBe('1102');
    });

    it('saves step 2’s corrections to the profile unless it changed meanwhile in another tab', async () => {
      const who = await candidate(11);
      await as(who).post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
      const revisionOf = (html: string) => /name="profileVersion" value="([^"]+)"/.exec(html)![1];
      const seen = revisionOf((await as(who).get('/enrollment/2027/step/2').expect(200)).text);
      const save = (profileVersion: string, phone: string) =>
        http().post('/enrollment/2027/step/2').set('Cookie', who.cookie).type('form').send({
          _csrf: who.csrf,
          profileVersion,
          action: 'save',
          'contact[phone]': phone,
          'contact[email]': 'k11@example.cn',
          'contact[address]': '北京市东城区',
          'contact[postcode]': '100010',
        });
      expect((await save(seen, '13800138001')).status).toBe(303); // the other tab
      expect((await save(seen, '13800138001')).status).toBe(303); // a double click: that is saved already
      const stale = await save(seen, '13800138002');
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('个人信息已在其他窗口或设备上修改过');
      expect((await save(revisionOf(stale.text), '13800138002')).status).toBe(303); // a deliberate overwrite
      // Typed with a Chinese IME, the phone is stored folded: the double click is still the same phone.
      const now = revisionOf((await as(who).get('/enrollment/2027/step/2').expect(200)).text);
      expect((await save(now, '１３８ ００１３ ８００３')).status).toBe(303);
      expect((await save(now, '１３８ ００１３ ８００３')).status).toBe(303);
      expect((await as(who).get('/api/profile').expect(200)).body.contact.phone).toBe('13800138003');
    });

    it('refuses 提交 from a check page showing another site than the one chosen since (another tab)', async () => {
      const who = await candidate(16);
      await throughStep6(who, '1102');
      const check = await as(who).get('/enrollment/2027/review').expect(200);
      expect(check.text).toContain('name="siteCode" value="1102"');
      await as(who).put('/api/enrollment/2027/site', { siteCode: '1103' }).expect(200); // the other tab
      const before = await store.headPosition();
      const stale = await http()
        .post('/enrollment/2027/submit')
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf, siteCode: '1102' });
      expect(stale.status).toBe(422);
      expect(stale.text).toContain('考点选择已变更，请核对后重新提交');
      const viaApi = await as(who).post('/api/enrollment/2027/submit', { siteCode: '1102' });
      expect([viaApi.status, viaApi.body.error.code]).toEqual([422, 'SITE_CHOICE_CHANGED']);
      expect(await store.headPosition()).toBe(before);
      const submitted = await as(who).post('/api/enrollment/2027/submit', { siteCode: '1103' }).expect(200);
      expect(submitted.body).toMatchObject({ status: 'submitted', seatSiteCode: '1103' });
    });

    it('refuses step 2 or 3 before their corrections reach the profile', async () => {
      const who = await candidate(14); // not enrolled: any save of a step is refused
      const profileVersion = /name="profileVersion" value="([^"]*)"/.exec(
        (await as(who).get('/profile').expect(200)).text,
      )?.[1];
      const before = await store.headPosition();
      const step2 = await http()
        .post('/enrollment/2027/step/2')
        .set('Cookie', who.cookie)
        .type('form')
        .send({
          _csrf: who.csrf,
          profileVersion: profileVersion ?? '',
          action: 'save',
          'contact[phone]': '13900139000',
          'contact[email]': 'k14@example.cn',
          'contact[address]': '北京市东城区',
          'contact[postcode]': '100010',
        });
      expect(step2.status).toBe(422);
      expect(step2.text).toContain('请先点击“+”开始报名');
      expect(await store.headPosition()).toBe(before);
      const step3 = await http().post('/enrollment/2027/step/3').set('Cookie', who.cookie).type('form').send({
        _csrf: who.csrf,
        action: 'next',
        'employment[employer]': '另一家医院',
        'employment[department]': '外科',
        'employment[position]': '医师',
        'employment[title]': '主治医师',
        'employment[startMonth]': '2021-03',
      });
      expect(step3.status).toBe(422);
      expect(await store.headPosition()).toBe(before);
    });

    it('keeps an incomplete step-4 selection with 保存 and shows it again; 下一步 refuses it and changes nothing', async () => {
      const who = await candidate(12);
      const api = as(who);
      await api.post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
      await api.put('/api/enrollment/2027/basic-info').expect(200);
      await api.put('/api/enrollment/2027/employment').expect(200);
      const step4 = (action: string, ticked: Record<string, string>) =>
        http()
          .post('/enrollment/2027/step/4')
          .set('Cookie', who.cookie)
          .type('form')
          .send({ _csrf: who.csrf, action, ...ticked });

      const saved = await step4('save', { trainingIds: 'tr-1' }); // no education ticked
      expect(saved.status).toBe(303);
      expect(saved.headers.location).toBe('/enrollment/2027/step/4?saved=1');
      const shown = await api.get('/enrollment/2027/step/4?saved=1').expect(200);
      expect(shown.text).toContain('已保存，但本步尚未完成：请至少选择一项教育经历');
      expect(shown.text).toMatch(/id="training-tr-1"[^>]* checked/);
      expect(shown.text).not.toMatch(/id="education-edu-1"[^>]* checked/);
      // Coming back later: the draft and why the step is still to do, without the 已保存 of the moment.
      const later = await api.get('/enrollment/2027/step/4').expect(200);
      expect(later.text).toContain('本步尚未完成：请至少选择一项教育经历');
      expect(later.text).not.toContain('已保存');
      expect(later.text).toMatch(/id="training-tr-1"[^>]* checked/);
      const continued = await api.get('/enrollment/2027/continue');
      expect(continued.headers.location).toBe('/enrollment/2027/step/4');
      expect((await api.get('/enrollment/2027/review').expect(200)).text).toContain(
        '第四步有已保存但未完成的修改，尚未生效',
      );
      const blocked = await api.put('/api/enrollment/2027/certificates', { certificateIds: [] });
      expect([blocked.status, blocked.body.error.code]).toEqual([422, 'STEP_OUT_OF_ORDER']); // step 4 is still to do

      const before = await store.headPosition();
      const refused = await step4('next', { trainingIds: 'tr-1' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('请至少选择一项教育经历');
      expect(await store.headPosition()).toBe(before);

      const viaApi = await api
        .put('/api/enrollment/2027/qualifications', { educationIds: [], trainingIds: [], keepIncomplete: true })
        .expect(200);
      expect(viaApi.body.nextStep).toBe(4);
      expect(viaApi.body.qualificationsDraft).toEqual({ education: [], training: [] });
      await api
        .put('/api/enrollment/2027/qualifications', { educationIds: [], trainingIds: [] })
        .expect(400)
        .expect((res) => expect(res.body.error.code).toBe('VALIDATION_FAILED'));

      const done = await step4('next', { educationIds: 'edu-1', trainingIds: 'tr-1' });
      expect(done.headers.location).toBe('/enrollment/2027/step/5');
      const answer = await api.put('/api/enrollment/2027/certificates', { certificateIds: [] }).expect(200);
      expect(answer.body.qualificationsDraft).toBeNull();
      expect(answer.body.nextStep).toBe(6);
    });

    it('refuses candidates on staff routes', async () => {
      const who = await candidate(5);
      await as(who).get('/api/staff/enrollments').expect(403);
      await as(who).post(`/api/staff/enrollments/2027/${who.id}/withdraw`, { note: '自己' }).expect(403);
    });

    it('lists for staff, on the API and a page, an enrollment left without its seat, and seats it again', async () => {
      const who = await candidate(18);
      await throughStep6(who, '1103');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await caughtUp(); // the check starts from the staff table
      const admin = await signInAdmin();
      const tableRows = (await as(admin).get('/api/staff/enrollments?session=2027&site=1103').expect(200)).body.rows;
      expect(tableRows.map((row: { candidateId: string }) => row.candidateId)).toContain(who.id);
      const listed = async () =>
        (await as(admin).get('/api/staff/seat-check?session=2027').expect(200)).body.seatless.map(
          (row: { candidateId: string }) => row.candidateId,
        );
      expect(await listed()).not.toContain(who.id);

      // A reconciler released the hold it relies on (its restore found the site full, say).
      const { seatHoldId } = await app.get(EnrollmentDecisions).load('2027', who.id);
      const release = { sessionCode: '2027', siteCode: '1103', enrollmentId: `2027_${who.id}`, holdId: seatHoldId! };
      await app
        .get(SeatLedger)
        .execute(
          { type: 'ReleaseSeat', ...release, reason: 'healed' },
          { actor: { id: 'seat-reconciler', role: 'system' }, correlationId: 'test-release', now: new Date() },
        );
      expect(await listed()).toContain(who.id); // (only this test leaves one; others' would be listed too)
      await as(who).get('/api/staff/seat-check').expect(403);
      await as(admin).get('/api/staff/seat-check?session=2027;drop').expect(400);
      await as(admin).post('/api/staff/seat-check/2027;drop/restore').expect(400);
      expect((await as(admin).get('/api/staff/seat-check?session=2099').expect(404)).body.error.code).toBe(
        'SESSION_NOT_FOUND',
      );

      const page = await as(admin).get('/staff/seat-check?session=2027').expect(200);
      expect(page.text).toContain('座位核对');
      expect(page.text).toContain(`/staff/review/2027/${who.id}/changes`);
      expect(page.text).toContain('重新占座');
      const restored = await http()
        .post('/staff/seat-check')
        .set('Cookie', admin.cookie)
        .type('form')
        .send({ _csrf: admin.csrf, session: '2027' })
        .expect(303);
      const location = new URL(restored.headers.location as string, 'http://app');
      expect(location.pathname).toBe('/staff/seat-check');
      const seated = Number(location.searchParams.get('seated'));
      expect(seated).toBeGreaterThanOrEqual(1);
      expect(location.searchParams.get('seatless')).toBe('0'); // every site with a seatless enrollment has room
      const after = await as(admin)
        .get(restored.headers.location as string)
        .expect(200);
      expect(after.text).toContain(`${seated} 条报名已占有座位；0 条仍未占到座位`);
      expect(after.text).not.toContain(`/staff/review/2027/${who.id}/changes`);
      expect(await listed()).not.toContain(who.id);
      const seat = (await store.readStream(siteStream('2027', '1103'))).at(-1)!;
      expect(seat).toMatchObject({ type: 'SeatHeld', data: { enrollmentId: `2027_${who.id}`, holdId: seatHoldId } });
      expect(seat.metadata.actor).toMatchObject({ role: 'admin' });
      expect((await as(admin).post('/api/staff/seat-check/2027/restore').expect(200)).body).toEqual({
        seated: 0, // nothing left to seat
        seatless: 0,
      });
    });

    it('offers another category only to a draft, and says that steps 2–6 start again', async () => {
      const who = await candidate(19);
      await throughStep6(who, '1102');
      const draft = (await as(who).get('/enrollment/2027/categories?pledge=v1').expect(200)).text;
      expect(draft).toMatch(/data-draft-category>您正在填写 110 \S+ 的报名。改选其他类别后，第二步至第六步需重新填写/);
      expect(draft).toContain('action="/enrollment/2027/start"');
      const draftReview = (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(draftReview).toContain('重新选择');
      // The six steps above the check, as on every step: the check ends step 6.
      expect(draftReview).toContain('<a class="steps__label" href="/enrollment/2027/categories">');
      expect(draftReview).toMatch(/aria-current="step">\s*<span class="steps__number" aria-hidden="true">6</);

      // Step 3's employer is searched in the directory and marked as on the profile page.
      /** 保存 on step n as the page showed it (its profile version), with these fields. */
      const saveStep = async (n: number, fields: Record<string, string>) => {
        const shown = (await as(who).get(`/enrollment/2027/step/${n}`).expect(200)).text;
        const profileVersion = /name="profileVersion" value="([^"]+)"/.exec(shown)![1];
        return http()
          .post(`/enrollment/2027/step/${n}`)
          .set('Cookie', who.cookie)
          .type('form')
          .send({ _csrf: who.csrf, profileVersion, action: 'save', ...fields });
      };
      // The profile saves whole, so the contact comes first.
      expect((await saveStep(2, { 'contact[phone]': '13800138019', 'contact[address]': '北京市昌平区' })).status).toBe(
        303,
      );
      const typedEmployer = (await as(who).get('/enrollment/2027/step/3').expect(200)).text;
      expect(typedEmployer).toContain('data-source="/api/directory/search?kind&#x3D;employer"');
      expect(typedEmployer).toContain('不在系统已有的列表中，请核对'); // 某医院（测试） is typed, not listed
      const directoryName = '北京市昌平区沙河医院';
      const employer = { 'employment[employer]': directoryName };
      expect((await saveStep(3, { ...employer, 'employment[startMonth]': '2020-09' })).status).toBe(303);
      const listedEmployer = (await as(who).get('/enrollment/2027/step/3').expect(200)).text;
      expect(listedEmployer).toContain('已在系统列表中');
      expect(listedEmployer).toContain(`name="employment[employerCode]" value="${directoryName}"`);
      // Refused (a malformed month), the page comes back with the name typed and its mark.
      const refused = await saveStep(3, { ...employer, 'employment[startMonth]': '2020-13' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('data-combobox');
      expect(refused.text).toContain(`name="employment[employerCode]" value="${directoryName}"`);

      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const enrolled = (await as(who).get('/enrollment/2027/categories?pledge=v1').expect(200)).text;
      expect(enrolled).toContain('您已报名本次考试（已提交，待审核），不能再选择报考类别');
      expect(enrolled).not.toContain('action="/enrollment/2027/start"');
      const review = (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(review).not.toContain('重新选择');
      expect(review).not.toContain('href="/enrollment/2027/pledge"');
      expect(review).not.toContain('href="/enrollment/2027/categories"');
      expect(review).not.toContain('href="/enrollment/2027/step/'); // submitted: no step links back
      const startAgain = await http()
        .post('/enrollment/2027/start')
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf, pledgeVersion: 'v1', categoryCode: '120' });
      expect(startAgain.status).toBe(422);
      expect(startAgain.text).toContain('您已报名本次考试');
      expect(startAgain.text).toContain('data-enrolled');
    });

    it('says on the check page what the catalog changed since the steps were taken, before 提交 refuses it', async () => {
      const who = await candidate(28);
      const admin = await signInAdmin();
      const catalogApi = '/api/admin/catalog/sessions/2027';
      await as(admin)
        .post(`${catalogApi}/sites`, {
          code: '1109',
          areaCode: '11',
          city: '海淀区',
          name: '海淀区考点（测试）',
          address: '示例地址',
          capacity: 5,
        })
        .expect(201);
      await throughStep6(who, '1109', '130');
      const checkPage = async () => (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(await checkPage()).not.toContain('data-catalog-changed');

      const category = (await http().get('/api/catalog/sessions/2027').expect(200)).body.categories.find(
        (c: { code: string }) => c.code === '130',
      );
      const { offered: _offered, ...asOffered } = category;
      const requiring = (certificatesRequired: boolean) =>
        as(admin).put(`${catalogApi}/categories/130`, {
          ...asOffered,
          requirements: { ...category.requirements, certificatesRequired },
        });
      await requiring(true).expect(200);
      const stricter = await checkPage();
      expect(stricter).toContain('data-catalog-changed');
      expect(stricter).toContain('报考条件已调整：该类别须选择证书。请回到第五步重新选择后再提交。');
      expect(stricter).toContain('<a href="/enrollment/2027/step/5">进入第五步“选择证书情况”</a>');
      // The step bar agrees: step 5 is to be done again, step 4 stays done.
      expect(stricter).toContain('第4步（已完成）');
      expect(stricter).not.toContain('第5步（已完成）');
      // Step 5 then says where to add a certificate the profile does not have yet; its bar agrees too.
      const step5 = (await as(who).get('/enrollment/2027/step/5').expect(200)).text;
      expect(step5).toContain('个人信息中没有证书，请先到<a href="/profile">个人信息</a>中添加。');
      expect(step5).toContain('第4步（已完成）');
      expect(step5).not.toContain('第5步（已完成）');
      await requiring(false).expect(200);

      await as(admin).delete(`${catalogApi}/sites/1109`).expect(200);
      const stopped = await checkPage();
      expect(stopped).toContain('您选择的考点“海淀区考点（测试）”已停止报名，请重新选择考点');
      expect(stopped).toContain('href="/enrollment/2027/step/6?area&#x3D;11"');
      const step6 = (await as(who).get('/enrollment/2027/step/6?area=11').expect(200)).text;
      expect(step6).toContain('您之前选择的考点“海淀区考点（测试）”已停止报名，请重新选择。');
      expect(step6).not.toContain('id="site-1109"');
      await as(admin).delete(`${catalogApi}/categories/130`).expect(200);
      expect(await checkPage()).toContain('该报考类别已停止报名，请重新选择报考类别');

      const before = await store.headPosition();
      const refused = await as(who).post('/api/enrollment/2027/submit').expect(422);
      expect(refused.body.error.code).toBe('CATEGORY_NOT_OFFERED');
      expect(await store.headPosition()).toBe(before);
      await as(admin).post(`${catalogApi}/categories`, asOffered).expect(201);
      await as(admin).post(`${catalogApi}/sites/1109/reopen`).expect(200);
      expect(await checkPage()).not.toContain('data-catalog-changed');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
    });

    it('refuses a field sent to a step that takes none, and documents its optional queries and bodies', async () => {
      const who = await candidate(30);
      await as(who).post('/api/enrollment/2027/start', { pledgeVersion: 'v1', categoryCode: '110' }).expect(200);
      const before = await store.headPosition();
      const extra = await as(who).put('/api/enrollment/2027/basic-info', { realName: '黑客' }).expect(400);
      expect(extra.body.error.fields[0]).toMatchObject({ field: 'realName', code: 'UNKNOWN_FIELD' });
      expect(await store.headPosition()).toBe(before);
      await as(who).put('/api/enrollment/2027/basic-info').expect(200); // no body at all is the usual call

      const docs = (await http().get('/api/docs-json').expect(200)).body.paths;
      const parameter = (path: string, name: string) =>
        docs[path].get.parameters.find((p: { name: string }) => p.name === name);
      expect(parameter('/api/enrollment/{session}/categories', 'q').required).toBe(false);
      expect(parameter('/api/enrollment/{session}/sites', 'area').required).toBe(false);
      expect(docs['/api/enrollment/{session}/submit'].post.requestBody.required).toBe(false);
    });

    it('answers 404 for a session that is not scheduled, on the API and the pages', async () => {
      const who = await candidate(29);
      const own = await as(who).get('/api/enrollment/9999').expect(404);
      expect(own.body.error.code).toBe('SESSION_NOT_FOUND');
      await as(who).get('/api/enrollment/9999/sites').expect(404);
      await as(who).get(`/api/enrollment/2027_${who.id}`).expect(404); // an enrollment id is no session either
      for (const page of ['pledge', 'categories', 'continue', 'review', 'withdraw', 'change-site'])
        expect((await as(who).get(`/enrollment/nosuch/${page}`)).status).toBe(404);
      await as(who).get('/api/enrollment/2027').expect(200);
    });

    it('answers an unknown site the same way in step 6 and 修改考点, changing nothing', async () => {
      const who = await candidate(31);
      await throughStep6(who, '1102');
      const before = await store.headPosition();
      const step6 = await as(who).put('/api/enrollment/2027/site', { siteCode: '9999' }).expect(400);
      expect(step6.body.error.fields[0]).toMatchObject({ field: 'siteCode', code: 'SITE_NOT_FOUND' });
      expect(await store.headPosition()).toBe(before);
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const afterSubmit = await store.headPosition();
      const move = await as(who).put('/api/enrollment/2027/change-site', { siteCode: '9999' }).expect(400);
      expect(move.body.error.fields[0]).toMatchObject({ field: 'siteCode', code: 'SITE_NOT_FOUND' });
      expect(await store.headPosition()).toBe(afterSubmit);
    });

    it('asks on the categories page for what the start form left out, changing nothing', async () => {
      const who = await candidate(27);
      const before = await store.headPosition();
      const startWith = (form: Record<string, string>) =>
        http()
          .post('/enrollment/2027/start')
          .set('Cookie', who.cookie)
          .type('form')
          .send({ _csrf: who.csrf, ...form });
      const noCategory = await startWith({ pledgeVersion: 'v1' });
      expect(noCategory.status).toBe(400);
      expect(noCategory.text).toContain('请选择报考类别');
      const noPledge = await startWith({ categoryCode: '110' });
      expect(noPledge.status).toBe(422);
      expect(noPledge.text).toContain('请先阅读并同意考生承诺书');
      expect(noPledge.text).not.toContain('已更新');
      expect(await store.headPosition()).toBe(before);
    });

    it('changes for staff only the enrollment they looked at; a double click changes it once', async () => {
      const who = await candidate(23);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const staff = await staffMember('kaowu_pin_1102', { siteCode: '1102' });
      const shownRevision = async () => {
        const page = (await as(staff).get(`/staff/review/2027/${who.id}/changes`).expect(200)).text;
        return /name="revision" value="(\d+)"/.exec(page)![1];
      };
      const withdrawForm = (revision: string) =>
        http()
          .post(`/staff/review/2027/${who.id}/withdraw`)
          .set('Cookie', staff.cookie)
          .type('form')
          .send({ _csrf: staff.csrf, revision, withdrawNote: '考生书面申请放弃' });
      const seen = await shownRevision();

      // Meanwhile the candidate withdraws and enrolls again: the page staff saw is of the first attempt.
      await as(who).post('/api/enrollment/2027/withdraw').expect(200);
      await throughStep6(who, '1102');
      // Not yet submitted again: nothing for staff to change, and the refusal says why.
      const whileDraft = await withdrawForm(seen);
      expect(whileDraft.status).toBe(409);
      expect(whileDraft.text).toContain('该报名在您查看之后已有变化');
      expect(whileDraft.text).toContain('data-gone');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const stale = await withdrawForm(seen);
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('该报名在您查看之后已有变化');
      const stream = enrollmentStream('2027', who.id);
      expect((await store.readStream(stream)).at(-1)).toMatchObject({
        type: 'EnrollmentSubmitted',
        data: { attempt: 2 },
      });

      const current = await shownRevision();
      expect(current).not.toBe(seen);
      expect((await withdrawForm(current)).status).toBe(303);
      expect((await withdrawForm(current)).status).toBe(303); // the second click: already done, nothing more
      const withdrawals = (await store.readStream(stream)).filter((event) => event.type === 'EnrollmentWithdrawn');
      expect(withdrawals.map((event) => event.metadata.actor.role)).toEqual(['candidate', 'staff']);

      // Sent again without a revision, it is refused for what it is: within their scope, no longer submitted.
      const again = await as(staff)
        .post(`/api/staff/enrollments/2027/${who.id}/withdraw`, { note: '考生书面申请放弃' })
        .expect(422);
      expect(again.body.error.code).toBe('NOT_SUBMITTED');
      const approve = await as(staff).post(`/api/staff/enrollments/2027/${who.id}/approve`, {}).expect(422);
      expect(approve.body.error.code).toBe('NOT_SUBMITTED');
      const noNote = await as(staff).post(`/api/staff/enrollments/2027/${who.id}/withdraw`, {}).expect(400);
      expect(noNote.body.error.fields[0]).toMatchObject({ field: 'note', code: 'NOTE_REQUIRED' });
      const noSite = await as(staff).post(`/api/staff/enrollments/2027/${who.id}/change-site`, { note: '调整' });
      expect(noSite.status).toBe(400);
      expect(noSite.body.error.fields[0]).toMatchObject({ field: 'siteCode', code: 'SITE_REQUIRED' });
    });

    it('holds 提交 back until the steps corrected on 个人信息 since are confirmed again, and then submits the correction', async () => {
      const who = await candidate(24);
      const notStarted = (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(notStarted).toContain('报名步骤尚未完成。<a href="/enrollment/2027/continue">继续填写</a>');
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const admin = await signInAdmin();
      await as(admin).post(`/api/staff/enrollments/2027/${who.id}/reject`, { reason: '培训机构填写有误' }).expect(200);
      // The candidate corrects the training on 个人信息, as the reason asks.
      const stream = `candidate-${who.id}`;
      const corrected = { id: 'tr-1', kind: '试用期', institution: '某医院（更正）', from: '2019-08', to: '2020-08' };
      const context = { actor: { id: who.id, role: 'candidate' as const }, correlationId: 'fix-24', now: new Date() };
      const revision = BigInt((await store.readStream(stream)).length - 1);
      await store.append(stream, toNewEvents([{ type: 'TrainingChanged', data: corrected }], context), revision);

      expect((await as(who).get('/enrollment/2027/continue').expect(303)).headers.location).toBe(
        '/enrollment/2027/review',
      );
      const check = (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(check).toContain('data-outdated');
      expect(check).toContain('<a href="/enrollment/2027/step/4">第四步“选择教育经历和培训经历”</a>');
      expect(check).not.toContain('<a href="/enrollment/2027/step/2">第二步'); // unchanged steps are not listed
      const before = await store.headPosition();
      const page = await http()
        .post('/enrollment/2027/submit')
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf, siteCode: '1102' });
      expect(page.status).toBe(422);
      expect(page.text).toContain('个人信息已修改，报名表中仍是修改前的信息');
      const viaApi = await as(who).post('/api/enrollment/2027/submit').expect(422);
      expect(viaApi.body.error.code).toBe('PROFILE_CHANGED');
      expect(await store.headPosition()).toBe(before);
      // API clients see the same steps before they try 提交.
      expect((await as(who).get('/api/enrollment/2027').expect(200)).body.outdatedSteps).toEqual([4]);

      await as(who)
        .put('/api/enrollment/2027/qualifications', { educationIds: ['edu-1'], trainingIds: ['tr-1'] })
        .expect(200);
      expect((await as(who).get('/enrollment/2027/review').expect(200)).text).not.toContain('data-outdated');
      expect((await as(who).get('/api/enrollment/2027').expect(200)).body.outdatedSteps).toEqual([]);
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const submitted = await as(admin).get(`/api/staff/enrollments/2027/${who.id}`).expect(200);
      expect(JSON.stringify(submitted.body)).toContain('某医院（更正）');

      // Submitted, there is nothing to continue or submit on the check page.
      expect((await as(who).get('/enrollment/2027/continue').expect(303)).headers.location).toBe('/enrollment');
      const done = (await as(who).get('/enrollment/2027/review').expect(200)).text;
      expect(done).not.toContain('action="/enrollment/2027/submit"');
      expect(done).toContain('该报名当前不能提交（已提交，待审核）');
      const noStep = await http()
        .post('/enrollment/2027/step/1')
        .set('Cookie', who.cookie)
        .type('form')
        .send({ _csrf: who.csrf });
      expect(noStep.status).toBe(404);
    });

    it('numbers tickets after those an earlier version wrote on the session’s own batch stream', async () => {
      const who = await candidate(25);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const admin = await signInAdmin();
      await as(admin).post(`/api/staff/enrollments/2027/${who.id}/approve`, {}).expect(200);
      await caughtUp();
      const legacyNumber = ticketNumber(2027, '1102', '110', 700);
      const legacy = { enrollmentId: '2027_legacy', ticketNumber: legacyNumber, siteCode: '1102', room: 9, seat: 1 };
      const context = {
        actor: { id: 'old-version', role: 'staff' as const },
        correlationId: 'legacy',
        now: new Date(),
      };
      await store.append(
        'ticketBatch-2027',
        toNewEvents([{ type: 'TicketsAllocated', data: { sessionCode: '2027', tickets: [legacy] } }], context),
        'any',
      );
      const issued = await as(admin).post('/api/staff/tickets/2027/issue').expect(200);
      expect(issued.body).toMatchObject({ allocated: 1, issued: 1 });
      const mine = (await as(who).get('/api/enrollment').expect(200)).body[0];
      expect(parseTicketNumber(mine.ticketNumber)).toMatchObject({
        siteCode: '1102',
        categoryCode: '110',
        sequence: 701,
      });
      expect((await store.readStream('ticketNumbers-2027')).length).toBeGreaterThan(0);
    });

    it('tells an approved candidate before 修改考点 or 放弃报考 what they give up', async () => {
      const who = await candidate(26);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      await as(await signInAdmin())
        .post(`/api/staff/enrollments/2027/${who.id}/approve`, {})
        .expect(200);
      const move = (await as(who).get('/enrollment/2027/change-site').expect(200)).text;
      expect(move).toContain('您的报名已通过资格审核。修改考点后，原审核结果作废，需由新考点重新进行资格审核。');
      const post = (siteCode: string) =>
        http()
          .post('/enrollment/2027/change-site')
          .set('Cookie', who.cookie)
          .type('form')
          .send({ _csrf: who.csrf, areaCode: '11', ...(siteCode ? { siteCode } : {}) });
      const none = await post('');
      expect(none.status).toBe(400);
      expect(none.text).toContain('href="#siteCode">请选择考点');
      expect((await post('1102')).headers.location).toBe('/enrollment?done=unchanged');
      expect((await as(who).get('/enrollment?done=unchanged').expect(200)).text).toContain(
        '您的报名考点已是所选考点，无需修改。',
      );
      const withdraw = (await as(who).get('/enrollment/2027/withdraw').expect(200)).text;
      expect(withdraw).toContain('<li>您的报名已通过资格审核，放弃后审核结果作废。</li>');
      expect(withdraw).toMatch(/<li>网上报名截止（[^）]+）前您可以重新报名。<\/li>/);
      expect((await as(who).get('/api/enrollment/2027').expect(200)).body.status).toBe('approved');
    });

    it('withdraws, with its seat, the enrollment of an account whose identity staff freed for its rightful person (注意 4)', async () => {
      const holder = await candidate(33);
      await throughStep6(holder, '1102');
      await as(holder).post('/api/enrollment/2027/submit').expect(200);
      const rightful = await http()
        .post('/api/accounts/register')
        .send({
          username: 'zhenshi33',
          password: 'the rightful person 33',
          realName: '真实考生',
          gender: 'F',
          birthDate: '1990-01-01',
          idType: 'resident',
          idNumber: residentId(66),
          nationality: '中国',
          mobile: '13800138000',
          email: 'z33@example.cn',
          securityQuestion: '我的小学名字',
          securityAnswer: '实验小学',
        });
      expect(rightful.status).toBe(409);
      const staff = await staffMember('kaowu_case11', { areaCode: '11' });
      await caughtUp();
      const queue = await as(staff).get('/api/staff/identity-cases?area=11').expect(200);
      const row = queue.body.cases.find((c: { holderUsername: string }) => c.holderUsername === 'kaosheng33');
      const view = await as(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
      await as(staff)
        .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
          action: 'reassign',
          mode: 'registerAnew',
          reason: '来人持身份证原件，注册人非本人',
          expectedRevision: view.body.revision,
        })
        .expect(201);

      const events = await store.readStream(enrollmentStream('2027', holder.id));
      const withdrawn = events.at(-1)!;
      expect(withdrawn.type).toBe('EnrollmentWithdrawn');
      expect(withdrawn.data).toMatchObject({ note: expect.stringContaining('证件已释放') });
      expect(withdrawn.metadata.actor).toMatchObject({ role: 'staff' });
      const seatEvents = await store.readStream(siteStream('2027', '1102'));
      expect(seatEvents.at(-1)).toMatchObject({ type: 'SeatReleased', data: { reason: 'withdrawn' } });
      // The freed identity registers anew; the old account's enrollment is no longer in the way.
      await caughtUp();
      const table = await as(staff).get('/api/staff/enrollments?session=2027&site=1102').expect(200);
      const rows = table.body.rows.filter((r: { candidateId: string }) => r.candidateId === holder.id);
      expect(rows.map((r: { status: string }) => r.status)).toEqual(['withdrawn']);
    });

    it('does not approve the enrollment of an account suspended by an identity case until the case is dismissed', async () => {
      const holder = await candidate(34);
      await throughStep6(holder, '1102');
      await as(holder).post('/api/enrollment/2027/submit').expect(200);
      const claimant = await http()
        .post('/api/accounts/register')
        .send({
          username: 'zhenshi34',
          password: 'the claimant person 34',
          realName: '另一考生',
          gender: 'F',
          birthDate: '1990-01-01',
          idType: 'resident',
          idNumber: residentId(68),
          nationality: '中国',
          mobile: '13800138000',
          email: 'z34@example.cn',
          securityQuestion: '我的小学名字',
          securityAnswer: '实验小学',
        });
      expect(claimant.status).toBe(409);
      const staff = await staffMember('kaowu_case34', { areaCode: '11' });
      await caughtUp();
      const queue = await as(staff).get('/api/staff/identity-cases?area=11').expect(200);
      const row = queue.body.cases.find((c: { holderUsername: string }) => c.holderUsername === 'kaosheng34');
      const decide = async (body: object) => {
        const view = await as(staff).get(`/api/staff/identity-cases/${row.identityStream}`).expect(200);
        await as(staff)
          .post(`/api/staff/identity-cases/${row.identityStream}/decisions`, {
            ...body,
            expectedRevision: view.body.revision,
          })
          .expect(201);
      };
      await decide({ action: 'suspend', reason: '待核实身份，暂停使用' });
      const refused = await as(staff)
        .post(`/api/staff/enrollments/2027/${holder.id}/approve`, { reason: '' })
        .expect(422);
      expect(refused.body.error.code).toBe('ACCOUNT_SUSPENDED');
      await decide({ action: 'dismiss', reason: '核实为本人，恢复账户' });
      await as(staff).post(`/api/staff/enrollments/2027/${holder.id}/approve`, { reason: '' }).expect(200);
    });

    // Last of the candidate tests: it closes the registration and withdrawal windows for the rest of this app.
    it('lets staff within their scope move or withdraw an enrollment after the deadline, with a reason', async () => {
      const who = await candidate(10);
      await throughStep6(who, '1102');
      await as(who).post('/api/enrollment/2027/submit').expect(200);
      const admin = await signInAdmin();
      const [site1102, site1103, beijing] = [
        await staffMember('kaowu_1102', { siteCode: '1102' }),
        await staffMember('kaowu_1103', { siteCode: '1103' }),
        await staffMember('kaowu_bj', { areaCode: '11' }),
      ];
      const windows = (await as(admin).get('/api/catalog/sessions/2027').expect(200)).body.session.windows;
      const past = new Date(Date.now() - 3600_000).toISOString();
      await as(admin)
        .put('/api/admin/catalog/sessions/2027/windows', {
          ...windows,
          registrationClosesAt: past,
          withdrawalDeadline: past,
        })
        .expect(200);

      const refused = await as(who).put('/api/enrollment/2027/change-site', { siteCode: '1103' }).expect(422);
      expect(refused.body.error.code).toBe('DEADLINE_PASSED');
      const move = (by: { cookie: string; csrf: string }, note = '考点调整') =>
        as(by).post(`/api/staff/enrollments/2027/${who.id}/change-site`, { siteCode: '1103', note });
      expect((await move(site1103).expect(403)).body.error.code).toBe('OUT_OF_SCOPE'); // not their candidate
      expect((await move(site1102).expect(403)).body.error.code).toBe('OUT_OF_SCOPE'); // not their site to fill
      expect((await move(beijing, '  ').expect(400)).body.error.fields[0]).toMatchObject({ code: 'NOTE_REQUIRED' });
      const moved = await move(beijing).expect(200);
      expect(moved.body).toMatchObject({ seatSiteCode: '1103', status: 'submitted' });
      const changed = (await store.readStream(enrollmentStream('2027', who.id))).at(-1)!;
      expect(changed).toMatchObject({ type: 'ExamSiteChanged', data: { fromSiteCode: '1102', note: '考点调整' } });
      expect(changed.metadata.actor).toMatchObject({ role: 'staff' });

      const page = await as(site1103).get(`/staff/review/2027/${who.id}/changes`).expect(200);
      expect(page.text).toContain('代考生放弃报考');
      expect(page.text).toContain('id="withdrawNote"');
      // The detail page says who moved the candidate, and why.
      const detail = (await as(site1103).get(`/staff/review/2027/${who.id}`).expect(200)).text;
      expect(detail).toContain('办理记录');
      expect(detail).toMatch(/<td>[a-z0-9_]+<\/td><td>修改考点为 1103 [^<]+<\/td><td>考点调整<\/td>/);
      const elsewhere = await as(site1102).get(`/staff/review/2027/${who.id}/changes`).expect(403);
      expect(elsewhere.text).not.toContain('考生甲'); // nothing of the candidate shown out of scope
      const noReason = await http()
        .post(`/staff/review/2027/${who.id}/withdraw`)
        .set('Cookie', site1103.cookie)
        .type('form')
        .send({ _csrf: site1103.csrf, note: '' });
      expect(noReason.status).toBe(400);
      expect(noReason.text).toContain('请填写变更原因');
      const withdrawn = await as(site1103)
        .post(`/api/staff/enrollments/2027/${who.id}/withdraw`, { note: '考生书面申请放弃' })
        .expect(200);
      expect(withdrawn.body.status).toBe('withdrawn');
      // The candidate is told it was staff, and why.
      await caughtUp();
      const list = (await as(who).get('/enrollment').expect(200)).text;
      expect(list).toContain('（由考务工作人员办理，原因：考生书面申请放弃）');
      const seats = (await store.readStream(siteStream('2027', '1103'))).filter(
        (event) => (event.data as { enrollmentId: string }).enrollmentId === `2027_${who.id}`,
      );
      expect(seats.map((event) => event.type)).toEqual(['SeatHeld', 'SeatReleased']);
    });

    it('lets staff choose the session of 资格审核, showing the one open now by default', async () => {
      const admin = await signInAdmin();
      const day = (date: string) => `${date}T00:00:00.000Z`;
      /** A session scheduled by the admin: registration from `opensAt` until 2099. */
      const schedule = (sessionCode: string, name: string, year: number, opensAt: string) =>
        as(admin)
          .post('/api/admin/catalog/sessions', {
            sessionCode,
            name,
            year,
            windows: {
              registrationOpensAt: opensAt,
              registrationClosesAt: day('2099-01-20'),
              withdrawalDeadline: day('2099-01-20'),
              ticketPrintingOpensAt: day('2099-05-01'),
              ticketPrintingClosesAt: day('2099-05-20'),
              examDates: ['2099-06-01'],
            },
          })
          .expect(201);
      await schedule('2099', '2099年医师资格考试', 2099, day('2099-01-05'));
      const selectedOf = (html: string) => html.match(/<option value="(\w+)" selected>/)?.[1];
      const byDefault = (await as(admin).get('/staff/review').expect(200)).text;
      expect(byDefault).toContain('<option value="2099">2099年医师资格考试（2099）</option>');
      expect(selectedOf(byDefault)).toBe('2027'); // 2099's registration has not opened
      // The filters are the session's areas, sites and categories, chosen rather than typed as codes.
      const selectNamed = (html: string, name: string) =>
        html.match(new RegExp(`<select[^>]* name="${name}"[\\s\\S]*?</select>`))?.[0] ?? '';
      expect(selectNamed(byDefault, 'area')).toMatch(/<option value="11">11 \S+<\/option>/);
      expect(selectNamed(byDefault, 'site')).toMatch(/<option value="1102">1102 \S+/);
      expect(selectNamed(byDefault, 'category')).toMatch(/<option value="110">110 \S+<\/option>/);
      // A status that is only a property name of every object is no status: the list is not emptied by it.
      const totalOf = async (path: string) => /共 (\d+) 条/.exec((await as(admin).get(path).expect(200)).text)![1];
      expect(await totalOf('/staff/review?session=2027&status=constructor')).toBe(
        await totalOf('/staff/review?session=2027'),
      );
      const inArea = (await as(admin).get('/staff/review?session=2027&area=11&site=1102').expect(200)).text;
      expect(selectNamed(inArea, 'site')).toMatch(/<option value="1102" selected>/);
      const chosen = (await as(admin).get('/staff/review?session=2099&status=approved').expect(200)).text;
      const selects = chosen.match(/<select[\s\S]*?<\/select>/g)!;
      expect(selects.map(selectedOf)).toEqual(['2099', 'approved']); // the filters as chosen, not reset
      expect(chosen).toContain('action="/staff/review/2099/tickets/issue"');
      expect(chosen).toContain('href="/api/staff/enrollments.xlsx?session&#x3D;2099&amp;status&#x3D;approved&amp;');
      expect(chosen).toContain('href="/staff/seat-check?session=2099"');
      expect(chosen).toContain('没有符合条件的报名');
      // A refused decision shows the list of the session it was posted for, even without the list's query.
      const refused = await http()
        .post('/staff/review/2099/nobody')
        .set('Cookie', admin.cookie)
        .type('form')
        .send({ _csrf: admin.csrf, reason: '' });
      expect(refused.status).toBe(400);
      expect(selectedOf(refused.text)).toBe('2099');
      const seatCheck = (await as(admin).get('/staff/seat-check').expect(200)).text;
      expect(seatCheck).toContain('href="/staff/review?session=2027"'); // the same default as 资格审核
      expect((await as(admin).get('/api/staff/enrollments').expect(200)).body.sessionCode).toBe('2027');

      // A session whose registration opened after 2027's is the default of the pages and of the API alike.
      const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000).toISOString();
      await schedule('2027R', '2027年医师资格考试补报', 2027, hoursAgo(1));
      expect(selectedOf((await as(admin).get('/staff/review').expect(200)).text)).toBe('2027R');
      const listed = (await as(admin).get('/api/staff/enrollments').expect(200)).body;
      expect(listed).toMatchObject({ sessionCode: '2027R', total: 0, rows: [] });
      const csv = await as(admin).get('/api/staff/enrollments.csv').expect(200);
      expect(csv.headers['content-disposition']).toContain('enrollments-2027R.csv');
      expect((await as(admin).get('/api/staff/seat-check').expect(200)).body.sessionCode).toBe('2027R');
      // Named, a session is kept: 2027's rows are still a query away.
      expect((await as(admin).get('/api/staff/enrollments?session=2027').expect(200)).body.sessionCode).toBe('2027');
    });
  },
);
