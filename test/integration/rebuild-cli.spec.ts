import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from '../e2e/support/build';
import { type RunningApp, startApp } from '../e2e/support/app-process';

jest.setTimeout(180_000);

/** Runs the compiled rebuild command on a data directory; resolves with its exit code and output. */
function rebuild(dataDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', 'rebuild-projections.js'), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run projections:rebuild beside a running app', () => {
  let dataDir: string;
  let app: RunningApp | undefined;
  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'yikao-rebuild-'))));
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses (exit 4, naming the process) while an app projects into the DATA_DIR, and runs once it has stopped', async () => {
    // Projections in a worker thread, as `npm start` runs them.
    app = await startApp({ DATA_DIR: dataDir, PROJECTION_THREAD: 'true' });
    const refused = await rebuild(dataDir, ['candidate-view']);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(
      /An app process \(pid \d+, started .*\) runs the projections on .*read-models\.sqlite/,
    );
    expect(refused.stderr).toContain('Stop every app process of this DATA_DIR first');
    // A pid reused by another program after a crash: the operator is told which file to delete.
    expect(refused.stderr).toContain(`delete ${join(dataDir, 'read-models.sqlite.projecting.json')} and rebuild`);
    expect(refused.stdout).not.toContain('rebuilt from');

    await app.stop();
    app = undefined;
    expect(existsSync(join(dataDir, 'read-models.sqlite.projecting.json'))).toBe(false);
    const ran = await rebuild(dataDir, ['candidate-view']);
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toContain('An app process');
    expect(ran.stdout).toContain('candidate-view: rebuilt from');
  });

  it('a marker left by a killed process (its pid gone) does not block the rebuild', async () => {
    writeFileSync(
      join(dataDir, 'read-models.sqlite.projecting.json'),
      JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), startedAt: new Date().toISOString() }),
    );
    const ran = await rebuild(dataDir, ['candidate-view']);
    expect(ran.code).toBe(0);
    expect(ran.stderr).not.toContain('An app process');
    expect(ran.stdout).toContain('candidate-view: rebuilt from');
  });
});
