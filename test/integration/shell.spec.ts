import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Get, Module, Post, Req } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IsInt, IsNotEmpty, IsString, Max } from 'class-validator';
import request from 'supertest';
import { SessionHook } from '../../src/accounts/sessions/session-hook';
import { createApp } from '../../src/bootstrap/create-app';
import { commandContext } from '../../src/infrastructure/http/command-context';
import type { Request, Response } from '../../src/infrastructure/http/http-types';
import type { Role } from '../../src/infrastructure/http/principal';
import { Public, Roles } from '../../src/infrastructure/http/roles.decorator';
import { mapSqliteError } from '../../src/infrastructure/event-store/sqlite/sqlite-error-mapping';
import { listRoutes } from '../support/list-routes';

class EchoDto {
  @IsString()
  @IsNotEmpty({ message: '请填写姓名' })
  name!: string;

  @IsInt()
  @Max(150, { context: { code: 'AGE_TOO_HIGH' }, message: '年龄不正确' })
  age!: number;
}

/** Routes that exercise the shell: declared and undeclared access, validation, failures. */
@Controller()
class ProbeController {
  @Get('api/probe/undeclared')
  undeclared(): string {
    return 'should never be reached';
  }

  @Post('api/probe/echo')
  @Public()
  echo(@Body() body: EchoDto): EchoDto {
    return body;
  }

  @Post('probe/form')
  @Public()
  form(@Body() body: Record<string, unknown>): { received: Record<string, unknown> } {
    return { received: body };
  }

  @Get(['api/probe/staff', 'probe/staff'])
  @Roles('staff')
  staffOnly(): { ok: true } {
    return { ok: true };
  }

  @Get('api/probe/context')
  @Public()
  context(@Req() req: Request): object {
    return commandContext(req);
  }

  @Get(['api/probe/boom', 'probe/boom'])
  @Public()
  boom(): never {
    throw new Error('secret internal detail at /srv/app.js:42');
  }

  @Get('api/probe/disk-full')
  @Public()
  diskFull(): never {
    // What the SQLite event store throws when an append meets a full disk.
    throw mapSqliteError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
  }
}

/** Stands in for the accounts slice's session hook: `X-Probe-Role` signs the caller in. */
const probeSessions = {
  holdsSession: (req: Request): boolean => req.headers['x-probe-role'] !== undefined,
  use(req: Request, res: Response): Promise<void> {
    const role = req.headers['x-probe-role'] as Role | undefined;
    if (role) req.principal = { role, id: `probe-${role}`, username: `probe_${role}`, sessionId: 's1' };
    res.locals.principal = req.principal;
    return Promise.resolve();
  },
};

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('web shell (createApp on an embedded temp data dir)', () => {
  let app: NestFastifyApplication;
  let dataDir: string;
  const logLines: string[] = [];
  const logs = () => logLines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yikao-shell-'));
    app = await createApp({
      env: { APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'info', CAPTCHA_MODE: 'test' },
      logDestination: { write: (line: string) => void logLines.push(line) },
      imports: [ProbeModule],
      providers: [{ provide: SessionHook, useValue: probeSessions }],
    });
    await app.init();
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());

  /** Polls /ready for up to 10 s and returns its last answer. */
  async function untilReady(): Promise<request.Response> {
    let res = await http().get('/ready');
    for (let i = 0; i < 100 && res.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      res = await http().get('/ready');
    }
    return res;
  }

  /** A browser's first page view: the csrf cookie and the token the page carries. */
  async function csrfSession(): Promise<{ cookie: string; token: string }> {
    const res = await http().get('/').expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='));
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(res.text)?.[1];
    if (!cookie || !token) throw new Error('the home page gave no csrf cookie or token');
    return { cookie: cookie.split(';')[0], token };
  }

  describe('operational endpoints', () => {
    it('/health answers alive', async () => {
      const res = await http().get('/health').expect(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('/ready reports the stores and every projection, and becomes ready', async () => {
      const res = await untilReady();
      expect(res.status).toBe(200);
      const names = (res.body.checks as Array<{ name: string; ok: boolean }>).map((check) => check.name);
      expect(names).toEqual(expect.arrayContaining(['event-store', 'read-store', 'projection:exam-catalog']));
      expect(res.body.checks.every((check: { ok: boolean }) => check.ok)).toBe(true);
    });

    it('/metrics serves Prometheus text with the request histogram by route and status', async () => {
      await http().get('/health');
      const res = await http().get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/health"[^}]*status="200"/);
      expect(res.text).toContain('# TYPE command_duration_seconds histogram');
      expect(res.text).toContain('projection_events_applied_total');
      expect(res.text).toContain('process_cpu_user_seconds_total');
    });
  });

  describe('API errors', () => {
    it('an unknown API path is JSON 404 with a stable code', async () => {
      const res = await http().get('/api/no-such-thing').expect(404);
      expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: '页面不存在', fields: [] } });
    });

    it('validation failures list every field with its code and Chinese message', async () => {
      const res = await http().post('/api/probe/echo').send({ name: '', age: 200, extra: 1 }).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.fields).toEqual(
        expect.arrayContaining([
          { field: 'name', code: 'REQUIRED', message: '请填写姓名' },
          { field: 'age', code: 'AGE_TOO_HIGH', message: '年龄不正确' },
          { field: 'extra', code: 'UNKNOWN_FIELD', message: '不允许提交此项' },
        ]),
      );
    });

    it('malformed JSON is a 400 BAD_REQUEST, not a crash', async () => {
      const res = await http().post('/api/probe/echo').set('Content-Type', 'application/json').send('{"name":');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BAD_REQUEST');
    });

    it('a body sent as text (text/plain, text/csv) to a route that takes JSON is a 415, not a crash', async () => {
      for (const type of ['text/plain', 'text/csv', 'application/vnd.ms-excel']) {
        const res = await http().post('/api/probe/echo').set('Content-Type', type).send('{"name":"张三","age":30}');
        expect(res.status).toBe(415);
        expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
      const login = await http().post('/api/accounts/login').set('Content-Type', 'text/plain').send('x');
      expect(login.status).toBe(415);
      expect(logs().filter((line) => line.msg === 'unexpected error')).toEqual([]);
    });

    it('an empty body sent as JSON is no body, not a parse error (as clients post a new captcha)', async () => {
      const res = await http().post('/api/accounts/captcha').set('Content-Type', 'application/json').send('');
      expect(res.status).toBe(201);
      expect(res.body.captchaId).toEqual(expect.any(String));
    });

    it('an unexpected error is a 500 without internals, logged with the correlation id', async () => {
      const res = await http().get('/api/probe/boom').set('X-Request-Id', 'support-case-000123').expect(500);
      expect(res.body).toEqual({ error: { code: 'INTERNAL_ERROR', message: '系统繁忙，请稍后再试', fields: [] } });
      expect(res.text).not.toContain('secret');
      const logged = logs().find(
        (line) => line.msg === 'unexpected error' && line.correlationId === 'support-case-000123',
      );
      expect(JSON.stringify(logged)).toContain('secret internal detail');
    });

    it('a store that cannot write (disk full) is a 503 for the user and a warning naming the cause for the operator', async () => {
      const res = await http().get('/api/probe/disk-full').set('X-Request-Id', 'disk-full-000789').expect(503);
      expect(res.body.error.code).toBe('EVENT_STORE_UNAVAILABLE');
      expect(res.text).not.toContain('disk');
      const logged = logs().find((line) => line.correlationId === 'disk-full-000789' && line.msg !== 'request');
      expect(logged).toEqual(
        expect.objectContaining({
          level: 40,
          msg: 'store unavailable',
          code: 'EVENT_STORE_UNAVAILABLE',
          cause: 'SQLITE_FULL: database or disk is full',
        }),
      );
    });

    it('the 500 page is in Chinese and shows the correlation id, never the stack', async () => {
      const res = await http().get('/probe/boom').set('X-Request-Id', 'support-case-000456').expect(500);
      expect(res.text).toContain('系统繁忙');
      expect(res.text).toContain('support-case-000456');
      expect(res.text).not.toContain('secret');
    });

    it('a trailing slash reaches the same route, and HEAD answers like GET without a body', async () => {
      await http().get('/health/').expect(200, { status: 'ok' });
      const head = await http().head('/health').expect(200);
      expect(head.text).toBeUndefined();
    });

    it('a URL Fastify cannot route gets the headers, correlation id and Chinese answer of any refusal', async () => {
      const page = await http().get('/verify/%E0%A4%A').set('X-Request-Id', 'bad-url-request-01').expect(400);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
      expect(page.headers['x-request-id']).toBe('bad-url-request-01');
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.text).toContain('<html lang="zh-CN">');
      expect(page.text).not.toContain('%E0%A4%A');
      const api = await http()
        .get(`/api/catalog/sessions/${'x'.repeat(1100)}`)
        .expect(414);
      expect(api.body).toEqual({ error: { code: 'URI_TOO_LONG', message: '网址过长', fields: [] } });
      expect(api.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('paths match whatever their letter case, as on Express', async () => {
      await http().get('/HEALTH').expect(200, { status: 'ok' });
    });

    it('a missing page is a Chinese 404 page inside the layout', async () => {
      const res = await http().get('/no-such-page').expect(404);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<html lang="zh-CN">');
      expect(res.text).toContain('页面不存在');
      expect(res.text).toContain('010-59935001');
    });
  });

  describe('correlation id', () => {
    it('echoes a sane X-Request-Id and logs it on the request line', async () => {
      const res = await http().get('/health').set('X-Request-Id', 'abc-123-def-456').expect(200);
      expect(res.headers['x-request-id']).toBe('abc-123-def-456');
      const line = logs().find((entry) => entry.msg === 'request' && entry.correlationId === 'abc-123-def-456');
      expect(line).toMatchObject({ method: 'GET', route: '/health', status: 200, principal: { role: 'anonymous' } });
      expect(typeof line?.ms).toBe('number');
    });

    it('replaces an unsafe one with a new uuid', async () => {
      const res = await http().get('/health').set('X-Request-Id', 'x"}{evil').expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('never logs request bodies, names or ID numbers', async () => {
      await http().post('/api/probe/echo').send({ name: '张三丰', age: 30, idNumber: '11010119900307425X' });
      const all = logLines.join('\n');
      expect(all).not.toContain('张三丰');
      expect(all).not.toContain('11010119900307425X');
    });
  });

  describe('commandContext', () => {
    it('names the actor, the request and the socket ip (X-Forwarded-For ignored without TRUST_PROXY)', async () => {
      const anonymous = await http()
        .get('/api/probe/context')
        .set('X-Request-Id', 'ctx-request-0001')
        .set('X-Forwarded-For', '203.0.113.9')
        .expect(200);
      expect(anonymous.body).toMatchObject({
        actor: { id: 'anonymous', role: 'anonymous' },
        correlationId: 'ctx-request-0001',
      });
      expect(anonymous.body.ip).toMatch(/127\.0\.0\.1/);
      expect(Math.abs(Date.parse(anonymous.body.now) - Date.now())).toBeLessThan(10_000);
      const staff = await http().get('/api/probe/context').set('X-Probe-Role', 'staff').expect(200);
      expect(staff.body.actor).toEqual({ id: 'probe-staff', role: 'staff' });
    });
  });

  describe('access control', () => {
    it('every route of the app declares who may use it', () => {
      const undeclared = listRoutes(app).filter((route) => !route.roles && route.controller !== 'ProbeController');
      expect(undeclared).toEqual([]);
    });

    it('refuses a route without a declaration with 403, loudly', async () => {
      const res = await http().get('/api/probe/undeclared').expect(403);
      expect(res.body.error.code).toBe('ROUTE_ACCESS_UNDECLARED');
      expect(listRoutes(app)).toContainEqual(
        expect.objectContaining({ path: '/api/probe/undeclared', method: 'GET', roles: undefined }),
      );
      expect(logs().some((line) => line.level === 50 && String(line.msg).includes('no @Roles or @Public'))).toBe(true);
    });

    it('API: 401 when signed out, 403 with another role, 200 with the role', async () => {
      expect((await http().get('/api/probe/staff').expect(401)).body.error.code).toBe('UNAUTHENTICATED');
      const other = await http().get('/api/probe/staff').set('X-Probe-Role', 'candidate').expect(403);
      expect(other.body.error.code).toBe('FORBIDDEN');
      await http().get('/api/probe/staff').set('X-Probe-Role', 'staff').expect(200);
    });

    it('pages: a signed-out visitor is sent to /login with the way back', async () => {
      const res = await http().get('/probe/staff?tab=2').expect(303);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent('/probe/staff?tab=2')}`);
    });
  });

  describe('CSRF', () => {
    it('refuses a form post without a token with a Chinese page', async () => {
      const res = await http().post('/probe/form').type('form').send({ a: '1' }).expect(403);
      expect(res.text).toContain('页面已过期');
    });

    it('refuses a cookie-carrying API call without the header', async () => {
      const { cookie } = await csrfSession();
      const res = await http().post('/api/probe/echo').set('Cookie', cookie).send({ name: 'a', age: 1 }).expect(403);
      expect(res.body.error.code).toBe('CSRF_TOKEN_INVALID');
    });

    it('accepts the token from the form field and from the header, and hides it from DTOs', async () => {
      const { cookie, token } = await csrfSession();
      const form = await http().post('/probe/form').set('Cookie', cookie).type('form').send({ a: '1', _csrf: token });
      expect(form.status).toBe(201);
      expect(form.body).toEqual({ received: { a: '1' } });
      await http()
        .post('/api/probe/echo')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', token)
        .send({ name: 'a', age: 1 })
        .expect(201);
    });

    it("refuses another browser's token", async () => {
      const mine = await csrfSession();
      const theirs = await csrfSession();
      await http()
        .post('/probe/form')
        .set('Cookie', mine.cookie)
        .type('form')
        .send({ _csrf: theirs.token })
        .expect(403);
    });

    it('lets a cookie-less API client through (it cannot be a forged browser request)', async () => {
      await http().post('/api/probe/echo').send({ name: 'a', age: 1 }).expect(201);
    });

    it('GET /api/csrf gives scripts and API clients a token with its cookie', async () => {
      const res = await http().get('/api/csrf').expect(200);
      const cookie = (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      await http()
        .post('/api/probe/echo')
        .set('Cookie', cookie)
        .set('X-CSRF-Token', res.body.csrfToken)
        .send({ name: 'a', age: 1 })
        .expect(201);
    });

    it('the csrf cookie is httpOnly and SameSite=Lax', async () => {
      const res = await http().get('/').expect(200);
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='));
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Lax/);
    });
  });

  describe('pages, assets and headers', () => {
    it('sends security headers with a self-only CSP', async () => {
      const res = await http().get('/').expect(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('the home page explains the three steps and has no inline script', async () => {
      const res = await http().get('/').expect(200);
      for (const text of [
        '考生注册',
        '完善个人信息',
        '考试报名',
        'href="/register"',
        'href="/login"',
        '跳到主要内容',
      ]) {
        expect(res.text).toContain(text);
      }
      expect(res.text).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>/);
    });

    it('the home page shows the seeded exam session from the catalog read model', async () => {
      expect((await untilReady()).status).toBe(200);
      const res = await http().get('/').expect(200);
      expect(res.text).toContain('考试安排');
      expect(res.text).toContain('2027年医师资格考试');
      expect(res.text).toMatch(/网上报名时间.*\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 至/s);
    });

    it('serves static assets with caching headers; hashed URLs are immutable', async () => {
      const home = await http().get('/').expect(200);
      const cssUrl = /href="(\/static\/css\/app\.css\?v=[0-9a-f]+)"/.exec(home.text)?.[1];
      expect(cssUrl).toBeDefined();
      const versioned = await http().get(String(cssUrl)).expect(200);
      expect(versioned.headers['cache-control']).toContain('immutable');
      const bare = await http().get('/static/css/app.css').expect(200);
      expect(bare.headers['cache-control']).toBe('public, max-age=3600');
      expect(bare.headers.etag).toBeDefined();
    });

    it('serves the OpenAPI document with only /api paths', async () => {
      const res = await http().get('/api/docs-json').expect(200);
      const paths = Object.keys(res.body.paths as object);
      expect(paths).toContain('/api/csrf');
      expect(paths.every((path) => path.startsWith('/api/'))).toBe(true);
      // Every operation documents the one error body; sign-in and CSRF are declared schemes.
      const operations = Object.values(res.body.paths as Record<string, Record<string, { responses: object }>>).flatMap(
        (item) => Object.values(item),
      );
      expect(operations.every((operation) => 'default' in operation.responses)).toBe(true);
      expect(res.body.components.schemas.Error.properties.error.required).toEqual(['code', 'message', 'fields']);
      expect(Object.keys(res.body.components.securitySchemes)).toEqual(expect.arrayContaining(['session', 'csrf']));
    });
  });
});
