import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { maskIdNumber } from '../../src/accounts/security/identity-key';
import { createApp } from '../../src/bootstrap/create-app';
import type { EnrollmentEvent } from '../../src/enrollment/enrollment.events';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';
import {
  ENROLLMENT_DOCUMENT_SOURCE,
  type EnrollmentDocumentSource,
} from '../../src/printing/documents/enrollment-documents.port';
import { documentClaims } from '../../src/printing/documents/document-version';
import { PrintEngine } from '../../src/printing/print-engine';
import { PRINTING_CLOCK } from '../../src/printing/printing.tokens';
import { VALID, residentId } from './accounts-support';
import { readPdf } from './printing-pdf-reader';

const ADMIN = { username: 'print_admin', password: 'a long admin secret 2026' };
/** Inside the 2027 session's ticket printing window (2027-05-25 – 2027-08-22, Beijing time). */
const NOW = new Date('2027-06-01T00:00:00Z');
/** The printing clock; a test that moves it puts it back. */
let printingNow = NOW;
const SITE_1101 = { areaCode: '11', areaName: '北京市', siteCode: '1101', siteName: '东城区考点（示例）' };
const SITE_1102 = { areaCode: '11', areaName: '北京市', siteCode: '1102', siteName: '海淀区考点（示例）' };
const SITE_1201 = { areaCode: '12', areaName: '天津市', siteCode: '1201', siteName: '天津考点' };

interface SignedIn {
  cookie: string;
  id: string;
}

describe('printing routes', () => {
  let app: NestFastifyApplication;
  let store: EventStore;
  let dataDir: string;
  const logLines: string[] = [];
  const http = () => request(app.getHttpServer());
  const people: Record<'a' | 'b' | 'c' | 'd' | 'staffBeijing' | 'staffTianjin' | 'staff1101' | 'staff1102', SignedIn> =
    {} as never;

  async function signIn(path: string, username: string, password: string): Promise<SignedIn> {
    const res = await http()
      .post(path)
      .send({
        username,
        password,
        captchaId: (await http().post('/api/accounts/captcha')).body.captchaId,
        captcha: TEST_CAPTCHA_ANSWER,
      })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('sid='))
      ?.split(';')[0] as string;
    const me = await http().get('/api/accounts/me').set('Cookie', cookie).expect(200);
    return { cookie, id: me.body.id as string };
  }

  async function registerCandidate(username: string, seq: number): Promise<SignedIn> {
    await http()
      .post('/api/accounts/register')
      .send({ ...VALID, username, idNumber: residentId(seq), birthDate: '1990-01-01', gender: 'M' })
      .expect(201);
    return signIn('/api/accounts/login', username, VALID.password);
  }

  async function createStaff(
    admin: SignedIn,
    csrf: { cookie: string; token: string },
    username: string,
    scope: { areaCode: string } | { siteCode: string },
  ) {
    await http()
      .post('/api/admin/staff-accounts')
      .set('Cookie', `${admin.cookie}; ${csrf.cookie}`)
      .set('X-CSRF-Token', csrf.token)
      .send({ username, password: 'staff member secret', displayName: '考务', role: 'staff', ...scope })
      .expect(201);
    return signIn('/api/staff-accounts/login', username, 'staff member secret');
  }

  async function append(candidateId: string, ...events: EnrollmentEvent[]): Promise<void> {
    await store.append(
      `enrollment-2027_${candidateId}`,
      events.map((event, i) => ({
        id: randomUUID(),
        type: event.type,
        data: event.data,
        metadata: {
          messageId: randomUUID(),
          correlationId: 'printing-test',
          causationId: 'printing-test',
          actor: { id: candidateId, role: 'candidate' },
          occurredAt: new Date(Date.parse('2027-01-10T01:00:00Z') + i * 60_000).toISOString(),
          schemaVersion: 1,
        },
      })),
      'any',
    );
  }

  const submittedEnrollment = (candidateId: string, name: string, site: typeof SITE_1101): EnrollmentEvent[] => [
    {
      type: 'EnrollmentStarted',
      data: {
        sessionCode: '2027',
        candidateId,
        attempt: 1,
        pledgeVersion: 'v1',
        categoryCode: '110',
        categoryName: '临床执业医师',
        level: '执业医师',
      },
    },
    {
      type: 'BasicInfoConfirmed',
      data: {
        basicInfo: {
          fullName: name,
          gender: '女',
          birthDate: '1990-01-01',
          idType: '居民身份证',
          idNumberMasked: '1101**********1234',
          phoneMasked: '138****0001',
        },
      },
    },
    { type: 'EmploymentConfirmed', data: { employment: { status: '在职', employer: '北京协和医院' } } },
    {
      type: 'QualificationsSelected',
      data: {
        education: [
          { id: 'e1', school: '北京协和医学院', major: '临床医学', degree: '本科', from: '2008-09', to: '2013-07' },
        ],
        training: [],
      },
    },
    { type: 'CertificatesSelected', data: { certificates: [] } },
    { type: 'ExamSiteChosen', data: site },
    { type: 'EnrollmentSubmitted', data: { ...site, attempt: 1 } },
  ];

  const ticketIssued: EnrollmentEvent = {
    type: 'AdmissionTicketIssued',
    data: { ticketNumber: '271101110000042', siteCode: '1101', room: 5, seat: 12, staffId: 'staff' },
  };

  async function tokenOf(candidateId: string, kind: 'form' | 'ticket'): Promise<string> {
    const enrollment = await app
      .get<EnrollmentDocumentSource>(ENROLLMENT_DOCUMENT_SOURCE)
      .findEnrollment(`2027_${candidateId}`);
    const model = kind === 'form' ? enrollment?.form : enrollment?.ticket;
    if (!model) throw new Error(`no ${kind} for ${candidateId}`);
    return (await app.get(PrintEngine).composer.composeBody(model)).token;
  }

  const pdfOf = (res: request.Response) =>
    readPdf(res.body as Buffer)
      .pages.join('')
      .replace(/\s+/g, '');
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yikao-printing-'));
    app = await createApp({
      env: {
        APP_ENV: 'test',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        CAPTCHA_MODE: 'test',
        PUBLIC_BASE_URL: 'https://baoming.test',
        ADMIN_USERNAME: ADMIN.username,
        ADMIN_PASSWORD: ADMIN.password,
      },
      providers: [{ provide: PRINTING_CLOCK, useValue: () => printingNow }],
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    await app.init();
    store = app.get<EventStore>(EVENT_STORE);
    people.a = await registerCandidate('printer_a', 11);
    people.b = await registerCandidate('printer_b', 13);
    const admin = await signIn('/api/staff-accounts/login', ADMIN.username, ADMIN.password);
    const csrfRes = await http().get('/api/csrf').set('Cookie', admin.cookie).expect(200);
    const csrf = {
      cookie: (csrfRes.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('csrf='))
        ?.split(';')[0] as string,
      token: csrfRes.body.csrfToken as string,
    };
    people.staffBeijing = await createStaff(admin, csrf, 'kaowu_print_bj', { areaCode: '11' });
    people.staffTianjin = await createStaff(admin, csrf, 'kaowu_print_tj', { areaCode: '12' });
    people.staff1101 = await createStaff(admin, csrf, 'kaowu_print_1101', { siteCode: '1101' });
    people.staff1102 = await createStaff(admin, csrf, 'kaowu_print_1102', { siteCode: '1102' });
    await append(people.a.id, ...submittedEnrollment(people.a.id, '吉𠮷䶮', SITE_1101));
    await append(people.b.id, ...submittedEnrollment(people.b.id, '刘䶮', SITE_1201));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('gives the candidate their registration form as a PDF with what they submitted', async () => {
    const res = await binary(
      http().get(`/enrollment/2027_${people.a.id}/form.pdf`).set('Cookie', people.a.cookie),
    ).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['cache-control']).toBe('no-store');
    const text = pdfOf(res);
    for (const shown of [
      '2027年医师资格考试报名表',
      '吉𠮷䶮',
      '1101**********1234',
      '北京协和医学院',
      '东城区考点（示例）',
      '已提交，待审核',
    ]) {
      expect(text).toContain(shown);
    }
    // As the enrollment pages name it: by session code, for the signed-in candidate.
    const bySession = await binary(http().get('/enrollment/2027/form.pdf').set('Cookie', people.a.cookie)).expect(200);
    expect(bySession.body).toEqual(res.body);
  }, 60_000);

  it('answers 404, not 403, for another candidate’s documents, and sends the anonymous to sign in', async () => {
    for (const path of ['form.pdf', 'ticket.pdf', 'print']) {
      const res = await http().get(`/enrollment/2027_${people.b.id}/${path}`).set('Cookie', people.a.cookie);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).not.toContain('pdf');
    }
    await http().get(`/enrollment/2027_nobody/form.pdf`).set('Cookie', people.a.cookie).expect(404);
    const anonymous = await http().get(`/enrollment/2027_${people.a.id}/form.pdf`);
    expect([302, 303]).toContain(anonymous.status);
  });

  it('lets staff print for candidates of their area only', async () => {
    const own = await binary(
      http().get(`/enrollment/2027_${people.a.id}/form.pdf`).set('Cookie', people.staffBeijing.cookie),
    ).expect(200);
    expect(pdfOf(own)).toContain('吉𠮷䶮');
    await http().get(`/enrollment/2027_${people.a.id}/form.pdf`).set('Cookie', people.staffTianjin.cookie).expect(404);
    await binary(
      http().get(`/enrollment/2027_${people.b.id}/form.pdf`).set('Cookie', people.staffTianjin.cookie),
    ).expect(200);
  }, 60_000);

  it('prints the holder’s full ID number on the 报名表 and the 准考证, for the candidate and staff of its area only, and the phone as submitted', async () => {
    people.d = await registerCandidate('printer_d', 17);
    const idNumber = residentId(17);
    const enrollment = submittedEnrollment(people.d.id, '赵䶮', SITE_1101);
    // Step 2's copy as the steps make it: the registered number, masked.
    const step2 = enrollment[1] as Extract<EnrollmentEvent, { type: 'BasicInfoConfirmed' }>;
    step2.data.basicInfo.idNumberMasked = maskIdNumber(idNumber);
    await append(people.d.id, ...enrollment);
    const form = (who: SignedIn) =>
      binary(http().get(`/enrollment/2027_${people.d.id}/form.pdf`).set('Cookie', who.cookie));
    for (const who of [people.d, people.staffBeijing, people.staff1101]) {
      const text = pdfOf(await form(who).expect(200));
      expect(text).toContain(`证件号码${idNumber}`);
      // Step 3's copy holds 职务 and 技术职务 together: named so, not as 职务 alone.
      expect(text).toContain('职务、技术职务');
      expect(text).toContain('138****0001');
    }
    const preview = await http().get(`/enrollment/2027/print`).set('Cookie', people.d.cookie).expect(200);
    expect(preview.text).toContain(idNumber);
    // The paper vouches for the version the public verify page computes, which never reads the full number.
    const loaded = await app
      .get<EnrollmentDocumentSource>(ENROLLMENT_DOCUMENT_SOURCE)
      .findEnrollment(`2027_${people.d.id}`);
    expect(JSON.stringify(loaded)).not.toContain(idNumber);
    expect(preview.text).toContain(`文档版本：${documentClaims(loaded!.form).version}`);
    for (const who of [people.staffTianjin, people.staff1102, people.a]) {
      const refused = await http().get(`/enrollment/2027_${people.d.id}/form.pdf`).set('Cookie', who.cookie);
      expect(refused.status).toBe(404);
      expect(refused.text ?? '').not.toContain(idNumber);
    }
    // The 准考证 too: it is compared with the ID card at the exam room's door.
    await append(people.d.id, { ...ticketIssued, data: { ...ticketIssued.data, ticketNumber: '271101110000043' } });
    const ticket = pdfOf(
      await binary(http().get(`/enrollment/2027_${people.d.id}/ticket.pdf`).set('Cookie', people.d.cookie)).expect(200),
    );
    expect(ticket).toContain(idNumber);
    const withTicket = await http().get(`/enrollment/2027/print`).set('Cookie', people.d.cookie).expect(200);
    const reloaded = await app
      .get<EnrollmentDocumentSource>(ENROLLMENT_DOCUMENT_SOURCE)
      .findEnrollment(`2027_${people.d.id}`);
    expect(JSON.stringify(reloaded)).not.toContain(idNumber);
    expect(withTicket.text).toContain(`文档版本：${documentClaims(reloaded!.ticket!).version}`);
    expect(logLines.join('\n')).not.toContain(idNumber);
  }, 60_000);

  it('records staff printing a candidate’s papers for the auditors; not the candidate’s own, a refusal or a HEAD', async () => {
    const e = await registerCandidate('printer_e', 19);
    await append(e.id, ...submittedEnrollment(e.id, '孙䶮', SITE_1101));
    await append(e.id, { ...ticketIssued, data: { ...ticketIssued.data, ticketNumber: '271101110000051' } });
    const lookUps = async () =>
      (await store.readStream(`auditAccess-${e.id}`)).map(({ data, metadata }) => ({ data, actor: metadata.actor }));
    const get = (path: string, who: SignedIn) =>
      binary(http().get(`/enrollment/2027_${e.id}/${path}`).set('Cookie', who.cookie));
    for (const path of ['form.pdf', 'ticket.pdf', 'print']) await get(path, e).expect(200);
    await get('form.pdf', people.staffTianjin).expect(404);
    for (const path of ['form.pdf', 'Ticket.pdf', 'print/']) {
      const head = await http().head(`/enrollment/2027_${e.id}/${path}`).set('Cookie', people.staffBeijing.cookie);
      expect(head.status).toBe(405);
    }
    expect(await lookUps()).toEqual([]);
    for (const path of ['form.pdf', 'ticket.pdf', 'print']) await get(path, people.staffBeijing).expect(200);
    const staff = { role: 'staff', id: expect.any(String) };
    expect(await lookUps()).toEqual(
      ['form', 'ticket', 'preview'].map((view) => ({
        data: { candidateId: e.id, sessionCode: '2027', view },
        actor: staff,
      })),
    );
  }, 60_000);

  it('prints a rejected enrollment for the staff of its seat’s site, not of the unsent step-6 choice', async () => {
    people.c = await registerCandidate('printer_c', 15);
    await append(
      people.c.id,
      ...submittedEnrollment(people.c.id, '王䶮', SITE_1101),
      { type: 'EnrollmentRejected', data: { staffId: 'staff', reason: '照片不清晰' } },
      { type: 'ExamSiteChosen', data: SITE_1102 }, // step 6 again, not resubmitted
    );
    const preview = await http()
      .get(`/enrollment/2027_${people.c.id}/print`)
      .set('Cookie', people.staff1101.cookie)
      .expect(200);
    expect(preview.text).toContain('王䶮');
    expect(preview.text).toContain(SITE_1101.siteName);
    expect(preview.text).not.toContain(SITE_1102.siteName);
    const loaded = await app
      .get<EnrollmentDocumentSource>(ENROLLMENT_DOCUMENT_SOURCE)
      .findEnrollment(`2027_${people.c.id}`);
    expect(loaded).toMatchObject({ areaCode: '11', siteCode: '1101' });
    expect(loaded?.form.site).toEqual({ code: '1101', name: SITE_1101.siteName });
    for (const path of ['print', 'form.pdf'])
      await http().get(`/enrollment/2027_${people.c.id}/${path}`).set('Cookie', people.staff1102.cookie).expect(404);
  });

  it('offers the ticket only once its number is issued, then prints it', async () => {
    await http().get(`/enrollment/2027_${people.a.id}/ticket.pdf`).set('Cookie', people.a.cookie).expect(404);
    let preview = await http().get(`/enrollment/2027_${people.a.id}/print`).set('Cookie', people.a.cookie).expect(200);
    expect(preview.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(preview.text).not.toContain('href="ticket.pdf"');
    expect(preview.text).toContain('准考证号尚未发放');

    await append(people.a.id, ticketIssued);
    const ticket = await binary(
      http().get(`/enrollment/2027_${people.a.id}/ticket.pdf`).set('Cookie', people.a.cookie),
    ).expect(200);
    const text = pdfOf(ticket);
    expect(text).toContain('271101110000042');
    expect(text).toContain('第005考场');
    expect(text).toContain('北京市东城区示例路1号');

    // Issued before printing opens: the candidate is told when it opens, and the PDF is refused.
    printingNow = new Date('2027-05-20T00:00:00Z');
    try {
      preview = await http().get(`/enrollment/2027_${people.a.id}/print`).set('Cookie', people.a.cookie).expect(200);
      expect(preview.text).toContain('准考证打印尚未开始，将于2027年5月25日 08:00开始');
      expect(preview.text).not.toContain('href="ticket.pdf"');
      const early = await http()
        .get(`/enrollment/2027_${people.a.id}/ticket.pdf`)
        .set('Cookie', people.a.cookie)
        .expect(404);
      // The refusal says why, as the preview does, rather than that the page does not exist.
      expect(early.text).toContain('暂不能打印');
      expect(early.text).toContain('2027年5月25日 08:00');
      expect(early.text).not.toContain('您访问的页面不存在');
      // Not yet is not a failure: no error number for support, and a way back to the enrollment.
      expect(early.text).not.toContain('错误编号');
      expect(early.text).toContain('<a href="/enrollment">返回考试报名</a>');
    } finally {
      printingNow = NOW;
    }

    preview = await http().get(`/enrollment/2027_${people.a.id}/print`).set('Cookie', people.a.cookie).expect(200);
    expect(preview.text).toContain('href="form.pdf"');
    expect(preview.text).toContain('href="ticket.pdf"');
    expect(preview.text).toContain('>打印<');
    expect(preview.text).toContain('271101110000042');
    const nonce = /<style nonce="([^"]+)"/.exec(preview.text)?.[1];
    expect(preview.headers['content-security-policy']).toContain(`style-src 'nonce-${nonce}'`);
    expect(preview.text).toContain('@font-face');
  }, 60_000);

  it('verifies genuine, superseded, withdrawn and forged documents on the public page', async () => {
    const formToken = await tokenOf(people.a.id, 'form');
    const ticketToken = await tokenOf(people.a.id, 'ticket');
    let page = await http().get(`/verify/${ticketToken}`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('本准考证真实有效，且为最新版本。');
    expect(page.text).toContain('吉**');
    expect(page.text).toContain('271101110000042');
    expect(page.text).not.toContain('吉𠮷䶮');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    await append(people.a.id, {
      type: 'ExamSiteChanged',
      data: { ...SITE_1101, siteCode: '1102', siteName: '海淀区考点（示例）', fromSiteCode: '1101' },
    });
    page = await http().get(`/verify/${formToken}`).expect(200);
    expect(page.text).toContain('本报名表不是最新版本');
    expect(page.text).not.toContain('海淀区考点');

    await append(people.a.id, { type: 'EnrollmentWithdrawn', data: { attempt: 1, siteCode: '1102' } });
    page = await http().get(`/verify/${ticketToken}`).expect(200);
    expect(page.text).toContain('本准考证已作废');

    const forged = Buffer.from(ticketToken, 'base64url');
    forged[12] ^= 0xff;
    page = await http()
      .get(`/verify/${forged.toString('base64url')}`)
      .expect(200);
    expect(page.text).toContain('核验失败');
    expect(page.text).not.toContain('吉**');
  }, 60_000);

  it('answers a render failure with 503 and a clear message, never a partial PDF, logged with the correlation id', async () => {
    await app.get(PrintEngine).pool.close();
    const res = await http()
      .get(`/enrollment/2027_${people.a.id}/form.pdf`)
      .set('Cookie', people.a.cookie)
      .set('X-Request-Id', 'print-failure-0001');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('文档生成失败，请稍后再试');
    const logged = logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'PDF render failed');
    expect(logged).toMatchObject({
      correlationId: 'print-failure-0001',
      reason: 'browser-unavailable',
      kind: 'registration-form',
    });
  });
});
