import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from '../e2e/support/build';
import { freePort } from '../e2e/support/app-process';

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled app with exactly this environment (plus PATH) until it exits or is signalled. */
function runMain(env: Record<string, string>, options: { signalWhen?: (stdout: string) => boolean } = {}) {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(process.execPath, [ensureBuilt()], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!signalled && options.signalWhen?.(stdout)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('main.ts with a real child process', () => {
  let dataDir: string;

  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'yikao-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('an invalid value stops the app with exit code 1, naming the variable and what is allowed', async () => {
    const outcome = await runMain({ DATA_DIR: dataDir, APP_ENV: 'test', PORT: 'eighty' });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('PORT="eighty" must be an integer from 0 to 65535');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('reports every problem of the environment in one start', async () => {
    const outcome = await runMain({
      DATA_DIR: dataDir,
      APP_ENV: 'production',
      EVENT_STORE: 'postgres://nope',
      LOG_LEVEL: 'loud',
    });
    expect(outcome.code).toBe(1);
    for (const expected of [
      'EVENT_STORE="postgres://nope" must be "sqlite" or an esdb://',
      'LOG_LEVEL="loud" is not allowed; use one of: fatal, error, warn, info, debug, trace, silent',
      'SESSION_SECRET is required in production',
    ]) {
      expect(outcome.stderr).toContain(expected);
    }
  }, 60_000);

  it('lists a weak ADMIN_PASSWORD in production with the other problems, before opening any store', async () => {
    const outcome = await runMain({
      DATA_DIR: dataDir,
      APP_ENV: 'production',
      ADMIN_USERNAME: 'root_admin',
      ADMIN_PASSWORD: 'admin123',
      LOG_LEVEL: 'loud',
    });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('ADMIN_PASSWORD is a default password: refused in production');
    expect(outcome.stderr).toContain('LOG_LEVEL="loud" is not allowed');
    expect(outcome.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('a DATA_DIR that is a file, or that this process may not write, is named in the list of problems', async () => {
    const file = join(dataDir, 'not-a-directory');
    writeFileSync(file, '');
    const asFile = await runMain({ DATA_DIR: file, APP_ENV: 'test', PORT: 'eighty' });
    expect(asFile.code).toBe(1);
    expect(asFile.stderr).toContain(`DATA_DIR="${file}" is not a directory`);
    expect(asFile.stderr).toContain('PORT="eighty"');
    expect(asFile.stderr).not.toMatch(/\n\s+at /);

    const below = await runMain({ DATA_DIR: join(file, 'data'), APP_ENV: 'test' });
    expect(below.code).toBe(1);
    expect(below.stderr).toMatch(
      /DATA_DIR=".*not-a-directory\/data" must be a directory this process can create and write \(ENOTDIR\)/,
    );
    expect(below.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it.each(['verify-log.js', 'audit.js', 'rebuild-projections.js', 'backup.js'])(
    'the operator command %s checks the environment as the app does: the problems listed, exit 1, no stack trace',
    async (script) => {
      const outcome = await new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile(
          process.execPath,
          [join(ROOT, 'dist', 'src', 'cli', script), 'zhangsan01'],
          { cwd: ROOT, env: { PATH: process.env.PATH, APP_ENV: 'production', DATA_DIR: dataDir } },
          (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
        );
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toContain('AUDIT_CHAIN_KEY is required in production');
      expect(outcome.stderr).toContain('reads the same environment as the app');
      expect(outcome.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it('a valid start listens, and SIGTERM shuts down cleanly: HTTP first, then projections and stores', async () => {
    const port = await freePort();
    const outcome = await runMain(
      { DATA_DIR: dataDir, APP_ENV: 'test', LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1' },
      { signalWhen: (stdout) => stdout.includes('"msg":"listening"') },
    );
    expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = outcome.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string });
    const httpClosed = lines.findIndex((line) => line.msg.startsWith('HTTP server closed'));
    const storesClosed = lines.findIndex((line) => line.msg === 'projections stopped, stores closed');
    expect(httpClosed).toBeGreaterThanOrEqual(0);
    expect(storesClosed).toBeGreaterThan(httpClosed);
  }, 90_000);
});
