/**
 * npm run bench:login-surge — what a crowd logging in at once (a registration's opening hour) does
 * to everyone else: N logins sent together, each from its own address, while a stylesheet and the
 * login page are fetched every 100 ms. Run twice on copies of one data directory, in the same run:
 * with the hashing queue as configured by default (PASSWORD_HASH_CONCURRENCY, PASSWORD_HASH_QUEUE)
 * and, as the baseline, unbounded (every hash handed to libuv's pool at once, as before the queue).
 * Writes bench/results/login-surge.json. No target in an issue: the figures say what the queue buys
 * (files and pages served while argon2 is busy) and costs (logins answered 503 SERVER_BUSY).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CAPTCHA_ANSWER } from '../src/accounts/captcha/captcha.service';
import { withAppProcess } from './support/app-process';
import { writeBenchReport } from './support/bench-report';
import { percentile } from './support/http-load';
import { syntheticRegistration } from './support/synthetic-ids';

const SETTINGS = {
  accounts: Number(process.env.BENCH_ACCOUNTS ?? 800),
  probeEveryMs: 100,
};
const UNBOUNDED = { PASSWORD_HASH_CONCURRENCY: '64', PASSWORD_HASH_QUEUE: '100000' };
const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const round = (value: number) => Math.round(value * 10) / 10;

async function post(base: string, path: string, body: object, address: string) {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function registerAccounts(base: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let i = next++; i < SETTINGS.accounts; i = next++) {
        const { status, json } = await post(
          base,
          '/api/accounts/register',
          syntheticRegistration(i, `surge_${i}`, `surge secret ${i} phrase`),
          addressOf(i),
        );
        if (status !== 201) throw new Error(`register ${status} ${JSON.stringify(json)}`);
      }
    }),
  );
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url} → ${res.status}`);
  return performance.now() - started;
}

/** Every account logs in at once; the probes run until the last login is answered. */
async function surge(base: string) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const captchas = await Promise.all(
    Array.from({ length: SETTINGS.accounts }, async (_, i) => {
      const { json } = await post(base, '/api/accounts/captcha', {}, addressOf(i));
      return String(json.captchaId);
    }),
  );
  let surging = true;
  const probes = { stylesheet: [] as number[], loginPage: [] as number[] };
  const probing = (async () => {
    for (let k = 0; surging; k++) {
      probes.stylesheet.push(await timed(`${base}/static/css/app.css?probe=${k}`));
      probes.loginPage.push(await timed(`${base}/login`));
      await new Promise((resolve) => setTimeout(resolve, SETTINGS.probeEveryMs));
    }
  })();
  const started = performance.now();
  await Promise.all(
    captchas.map(async (captchaId, i) => {
      const sent = performance.now();
      const { status } = await post(
        base,
        '/api/accounts/login',
        { username: `surge_${i}`, password: `surge secret ${i} phrase`, captchaId, captcha: TEST_CAPTCHA_ANSWER },
        addressOf(i),
      );
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) latencies.push(performance.now() - sent);
      else if (status !== 503) throw new Error(`login ${status}`);
    }),
  );
  const wallMs = performance.now() - started;
  surging = false;
  await probing;
  const summary = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return { count: sorted.length, p50Ms: round(percentile(sorted, 50)), maxMs: round(sorted[sorted.length - 1]) };
  };
  latencies.sort((a, b) => a - b);
  return {
    loginsAnswered200: statuses[200] ?? 0,
    loginsAnswered503: statuses[503] ?? 0,
    acceptedLoginP50Ms: round(percentile(latencies, 50)),
    acceptedLoginP99Ms: round(percentile(latencies, 99)),
    wallMs: round(wallMs),
    stylesheetDuringSurge: summary(probes.stylesheet),
    loginPageDuringSurge: summary(probes.loginPage),
  };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-login-surge-'));
  const env = (dataDir: string, extra: Record<string, string> = {}) => ({
    APP_ENV: 'development',
    CAPTCHA_MODE: 'test',
    TRUST_PROXY: 'true', // each login from its own address, as a crowd's are (no per-address throttle)
    REGISTRATIONS_PER_IP_PER_HOUR: '0',
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    ...extra,
  });
  try {
    const seeded = join(root, 'seeded');
    await withAppProcess(env(seeded), join(root, 'register.log'), (port) =>
      registerAccounts(`http://127.0.0.1:${port}`),
    );
    cpSync(seeded, join(root, 'bounded'), { recursive: true });
    cpSync(seeded, join(root, 'unbounded'), { recursive: true });
    const bounded = await withAppProcess(env(join(root, 'bounded')), join(root, 'bounded.log'), (port) =>
      surge(`http://127.0.0.1:${port}`),
    );
    const unbounded = await withAppProcess(
      env(join(root, 'unbounded'), UNBOUNDED),
      join(root, 'unbounded.log'),
      (port) => surge(`http://127.0.0.1:${port}`),
    );
    const figures = {
      bounded,
      unbounded,
      settings: {
        ...SETTINGS,
        bounded: 'PASSWORD_HASH_CONCURRENCY and PASSWORD_HASH_QUEUE at their defaults',
        unbounded: UNBOUNDED,
        note: 'Each configuration starts the compiled app in its own process on a copy of one data directory holding the accounts, registered beforehand. All logins are sent at once, each after fetching its captcha, from its own X-Forwarded-For address (TRUST_PROXY=true), with the right password. Meanwhile the stylesheet (a file read through libuv’s thread pool, which argon2 also uses) and the login page are fetched one after the other every probeEveryMs until the last login is answered. acceptedLogin figures are over the logins answered 200; a 503 is SERVER_BUSY, answered at once.',
      },
    };
    const file = writeBenchReport('login-surge', figures);
    console.log(JSON.stringify(figures, null, 2));
    console.log(`written to ${file}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
