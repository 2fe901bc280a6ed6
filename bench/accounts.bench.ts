/**
 * npm run bench:accounts — argon2id alone on one thread, then registrations and logins through
 * HTTP against the real app (embedded stores in a temp dir, CAPTCHA_MODE=test). Writes
 * bench/results/accounts.json. Targets (issue 3): loginsPerSec / hashesPerSec ≥ 0.6 and
 * registration p99 < 500 ms at 10 concurrent clients.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import { TEST_CAPTCHA_ANSWER } from '../src/accounts/captcha/captcha.service';
import { ARGON2_OPTIONS } from '../src/accounts/security/password-hasher';
import { createApp } from '../src/bootstrap/create-app';
import { writeBenchReport } from './support/bench-report';
import { type LoadRequest, runLoad } from './support/http-load';
import { syntheticRegistration } from './support/synthetic-ids';

/**
 * Hashing alone and sequential logins are measured in alternating rounds, so that both see the
 * same load on a shared machine; their ratio is what the target is about.
 */
const SETTINGS = { rounds: 6, hashesPerRound: 15, loginsPerRound: 40, clients: 10, registrations: 300, logins: 300 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Times of argon2id hashes done one after another (one thread busy at a time). */
async function hashOneByOne(count: number, offset: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await hash(`bench password ${offset + i}`, ARGON2_OPTIONS);
    times.push(performance.now() - t0);
  }
  return times;
}

function summary(latencies: number[], wallMs: number) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSec: round((sorted.length * 1000) / wallMs, 2),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
  };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-accounts-'));
  const app = await createApp({
    // REGISTRATIONS_PER_IP_PER_HOUR=0: every bench registration comes from 127.0.0.1.
    env: {
      APP_ENV: 'test',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error',
      CAPTCHA_MODE: 'test',
      REGISTRATIONS_PER_IP_PER_HOUR: '0',
    },
    logDestination: { write: () => undefined },
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const user = (i: number) => syntheticRegistration(i, `bench_${i}`, `bench secret ${i} phrase`, '张三');
  try {
    await hash('warm up', ARGON2_OPTIONS);
    const port = address.port;
    const registered = await runLoad({
      port,
      clients: SETTINGS.clients,
      journeys: Array.from({ length: SETTINGS.registrations }, (_, i) => [
        { method: 'POST', path: '/api/accounts/register', body: user(i), accept: [201] },
      ]),
    });
    const registration = summary(registered.latencies, registered.wallMs);
    // Each login: a fresh captcha (untimed, counted in the rate), then the timed login.
    const login = async (count: number, clients: number, offset: number) => {
      const journeys = Array.from({ length: count }, (_, i): LoadRequest[] => {
        const who = user((offset + i) % SETTINGS.registrations);
        return [
          {
            method: 'POST',
            path: '/api/accounts/captcha',
            capture: { captchaId: 'captchaId' },
            untimed: true,
            accept: [201],
          },
          {
            method: 'POST',
            path: '/api/accounts/login',
            body: {
              username: who.username,
              password: who.password,
              captchaId: '{{captchaId}}',
              captcha: TEST_CAPTCHA_ANSWER,
            },
          },
        ];
      });
      const result = await runLoad({ port, clients, journeys });
      return { ...summary(result.latencies, result.wallMs), latencies: result.latencies, wallMs: result.wallMs };
    };
    const hashTimes: number[] = [];
    const loginLatencies: number[] = [];
    let loginWallMs = 0;
    for (let r = 0; r < SETTINGS.rounds; r++) {
      hashTimes.push(...(await hashOneByOne(SETTINGS.hashesPerRound, r * SETTINGS.hashesPerRound)));
      const result = await login(SETTINGS.loginsPerRound, 1, r * SETTINGS.loginsPerRound);
      loginLatencies.push(...result.latencies);
      loginWallMs += result.wallMs;
    }
    const concurrent = await login(SETTINGS.logins, SETTINGS.clients, 0);
    const hashing = {
      hashMs: round(median(hashTimes), 2),
      hashesPerSec: round((hashTimes.length * 1000) / hashTimes.reduce((a, b) => a + b, 0), 2),
    };
    const sequential = summary(loginLatencies, loginWallMs);
    const figures = {
      hashMs: hashing.hashMs,
      hashesPerSec: hashing.hashesPerSec,
      argon2: {
        memoryKiB: ARGON2_OPTIONS.memoryCost,
        iterations: ARGON2_OPTIONS.timeCost,
        parallelism: ARGON2_OPTIONS.parallelism,
      },
      registrationsPerSec: registration.perSec,
      registrationP50Ms: registration.p50Ms,
      registrationP99Ms: registration.p99Ms,
      loginsPerSec: sequential.perSec,
      loginP50Ms: sequential.p50Ms,
      loginP99Ms: sequential.p99Ms,
      loginsPerSecConcurrent: concurrent.perSec,
      loginP99MsConcurrent: concurrent.p99Ms,
      loginToHashRatio: round(sequential.perSec / hashing.hashesPerSec, 2),
      settings: {
        ...SETTINGS,
        note: 'hashing and one-client logins alternate in rounds (same load); loginsPerSec is one client, so it compares with one thread hashing; each login fetches a fresh captcha first (counted in the rate, not in the latency). Registration hashes password and answer (2 hashes).',
      },
    };
    const file = writeBenchReport('accounts', figures);
    console.log(JSON.stringify(figures, null, 2));
    console.log(`written to ${file}`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
