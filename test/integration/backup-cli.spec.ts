import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from '../e2e/support/build';
import { type RunningApp, startApp } from '../e2e/support/app-process';
import { VALID, residentId } from './accounts-support';

jest.setTimeout(180_000);

function cli(script: string, dataDir: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', script), ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run backup while the app takes writes', () => {
  let dataDir: string;
  let backupRoot: string;
  let app: RunningApp | undefined;
  beforeAll(() => ensureBuilt(), 300_000);
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'yikao-backup-data-'));
    backupRoot = mkdtempSync(join(tmpdir(), 'yikao-backup-'));
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(backupRoot, { recursive: true, force: true });
  });

  it('copies a log that verifies intact and read models whose checkpoints do not pass it', async () => {
    app = await startApp({ DATA_DIR: dataDir, PROJECTION_THREAD: 'true', REGISTRATIONS_PER_IP_PER_HOUR: '0' });
    const base = app.baseUrl;
    let writing = true;
    let registered = 0;
    const writer = (async () => {
      for (let seq = 1; writing && seq < 900; seq++) {
        const res = await fetch(`${base}/api/accounts/register`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            ...VALID,
            username: `bk_user${seq}`,
            idNumber: residentId(seq),
            birthDate: '1990-01-01',
            gender: seq % 2 === 1 ? 'M' : 'F',
          }),
        });
        if (res.status === 201) registered++;
        else if (seq === 1) throw new Error(`registration refused: ${res.status} ${await res.text()}`);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const target = join(backupRoot, 'copy');
    const backup = await cli('backup.js', dataDir, [target]);
    writing = false;
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`to ${target}`);
    expect(registered).toBeGreaterThan(0);
    expect(readdirSync(target).sort()).toEqual(
      ['events.sqlite', 'events.sqlite.head.json', 'read-models.sqlite', 'secrets.json'].sort(),
    );

    const verify = await cli('verify-log.js', target, []);
    expect({ code: verify.code, out: verify.stdout }).toEqual({ code: 0, out: expect.stringContaining('INTACT') });
    const events = new Database(join(target, 'events.sqlite'), { readonly: true });
    const last = (events.prepare('SELECT max(position) AS p FROM events').get() as { p: number }).p;
    events.close();
    const reads = new Database(join(target, 'read-models.sqlite'), { readonly: true });
    const checkpoints = reads.prepare('SELECT * FROM checkpoints').all() as Array<Record<string, unknown>>;
    reads.close();
    expect(checkpoints.length).toBeGreaterThan(0);
    for (const row of checkpoints) {
      const position = Object.entries(row).find(([key]) => /pos/i.test(key))?.[1];
      expect(BigInt(String(position))).toBeLessThanOrEqual(BigInt(last));
    }
  });

  it('refuses a DATA_DIR holding no event log (a typo), creating neither it nor the backup', async () => {
    const typo = join(backupRoot, 'no-such-data');
    const target = join(backupRoot, 'target');
    const refused = await cli('backup.js', typo, [target]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`There is no event log at ${join(typo, 'events.sqlite')}`);
    expect(readdirSync(backupRoot)).toEqual([]);
  });

  it('refuses a directory that is not empty or lies inside DATA_DIR, copying nothing', async () => {
    writeFileSync(join(dataDir, 'events.sqlite'), '');
    const full = join(backupRoot, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'keep.txt'), 'x');
    const refused = await cli('backup.js', dataDir, [full]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is not empty');
    expect(readdirSync(full)).toEqual(['keep.txt']);
    const inside = await cli('backup.js', dataDir, [join(dataDir, 'backup')]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('must lie outside DATA_DIR');
  });
});
