import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { createApp } from '../../src/bootstrap/create-app';
import { EVENT_STORE, type EventStore } from '../../src/infrastructure/event-store/event-store.port';

export const VALID = {
  username: 'zhangsan01',
  password: 'correct horse battery',
  realName: '张三',
  gender: 'F',
  birthDate: '1949-12-31',
  idType: 'resident',
  idNumber: '11010519491231002X',
  nationality: '中国',
  mobile: '13800138000',
  email: 'zhang@example.cn',
  securityQuestion: '我的小学名字',
  securityAnswer: '实验小学',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid 居民身份证 number for 1990-01-01 with sequence `seq` (odd: male). */
export function residentId(seq: number): string {
  const first17 = `11010119900101${String(seq).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

export interface AccountsTestApp {
  app: NestFastifyApplication;
  store: EventStore;
  /** DATA_DIR, for specs that change the stored files as someone with the disk could. */
  dataDir: string;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
  captcha: () => Promise<{ captchaId: string; captcha: string }>;
  /** Logs in through the API; returns the cookie header for later calls and a CSRF token. */
  login: (username: string, password: string) => Promise<{ cookie: string; csrf: string }>;
}

export async function startAccountsApp(
  extraEnv: Record<string, string> = {},
  sharedDataDir?: string,
): Promise<AccountsTestApp> {
  const dataDir = sharedDataDir ?? mkdtempSync(join(tmpdir(), 'yikao-accounts-'));
  const app = await createApp({
    env: { APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error', CAPTCHA_MODE: 'test', ...extraEnv },
    logDestination: { write: () => undefined },
  });
  await app.init();
  const http = () => request(app.getHttpServer());
  const captcha = async () => {
    const res = await http().post('/api/accounts/captcha').expect(201);
    return { captchaId: res.body.captchaId as string, captcha: TEST_CAPTCHA_ANSWER };
  };
  return {
    app,
    store: app.get<EventStore>(EVENT_STORE),
    dataDir,
    http,
    captcha,
    login: async (username, password) => {
      const res = await http()
        .post('/api/accounts/login')
        .send({ username, password, ...(await captcha()) })
        .expect(200);
      const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='));
      if (!sid) throw new Error('no session cookie');
      const csrfRes = await http().get('/api/csrf').set('Cookie', sid.split(';')[0]).expect(200);
      const csrfCookie = (csrfRes.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('csrf='));
      const cookie = [sid.split(';')[0], csrfCookie?.split(';')[0]].filter(Boolean).join('; ');
      return { cookie, csrf: csrfRes.body.csrfToken as string };
    },
    close: async () => {
      await app.close();
      if (!sharedDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser session: cookies kept between requests, the page's CSRF token read from its form. */
export function browser(t: AccountsTestApp) {
  const jar = new Map<string, string>();
  const remember = (headers: Record<string, unknown>) => {
    for (const cookie of (headers['set-cookie'] as string[] | undefined) ?? []) {
      const [pair] = cookie.split(';');
      const [name, value] = pair.split('=');
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  return {
    jar,
    async get(path: string) {
      const res = await t.http().get(path).set('Cookie', cookie());
      remember(res.headers);
      return res;
    },
    async post(path: string, form: Record<string, string>, page: string) {
      const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const captchaId = /name="captchaId" value="([^"]+)"/.exec(page)?.[1];
      const res = await t
        .http()
        .post(path)
        .type('form')
        .set('Cookie', cookie())
        .send({ _csrf: token, ...(captchaId ? { captchaId } : {}), ...form });
      remember(res.headers);
      return res;
    },
  };
}
