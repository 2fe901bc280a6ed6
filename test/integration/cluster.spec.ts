import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_CAPTCHA_ANSWER } from '../../src/accounts/captcha/captcha.service';
import { freePort } from '../e2e/support/app-process';
import { ROOT, ensureBuilt } from '../e2e/support/build';
import { VALID } from './accounts-support';

interface Listening {
  worker: string;
  pid: number;
}

/** WEB_CONCURRENCY=2: the compiled app as a primary and two worker processes on one port. */
describe('cluster (WEB_CONCURRENCY)', () => {
  let dataDir: string;
  let child: ChildProcess;
  let port: number;
  const listening: Listening[] = [];
  let exited: Promise<number | null>;

  const waitFor = async (predicate: () => boolean, timeoutMs = 30_000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const post = async (path: string, body: object) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'yikao-cluster-'));
    port = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APP_ENV: 'test',
        DATA_DIR: dataDir,
        PORT: String(port),
        WEB_CONCURRENCY: '2',
        CAPTCHA_MODE: 'test',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('"msg":"listening"')) continue;
        const entry = JSON.parse(line) as Listening;
        listening.push({ worker: entry.worker, pid: entry.pid });
      }
    });
    exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await waitFor(() => listening.length >= 2);
  }, 300_000);

  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts two worker processes on one port', () => {
    expect(listening.map((entry) => entry.worker).sort()).toEqual(['0', '1']);
    expect(new Set(listening.map((entry) => entry.pid)).size).toBe(2);
    expect(listening.every((entry) => entry.pid !== child.pid)).toBe(true);
  });

  it('serves one user across the workers: captchas and accounts are shared', async () => {
    expect((await post('/api/accounts/register', { ...VALID, username: 'cluster_user' })).status).toBe(201);
    // Each request on a new connection, so the workers take turns.
    for (let attempt = 0; attempt < 4; attempt++) {
      const { body } = await post('/api/accounts/captcha', {});
      const login = await post('/api/accounts/login', {
        username: 'cluster_user',
        password: VALID.password,
        captchaId: body.captchaId,
        captcha: TEST_CAPTCHA_ANSWER,
      });
      expect(login.status).toBe(200);
    }
  }, 60_000);

  it('replaces a worker that dies', async () => {
    const victim = listening.find((entry) => entry.worker === '1') as Listening;
    process.kill(victim.pid, 'SIGKILL');
    await waitFor(() => listening.filter((entry) => entry.worker === '1').length === 2);
    const replacement = listening.filter((entry) => entry.worker === '1')[1];
    expect(replacement.pid).not.toBe(victim.pid);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
  }, 60_000);

  it('stops every worker on SIGTERM and exits 0', async () => {
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const { pid } of listening) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});
