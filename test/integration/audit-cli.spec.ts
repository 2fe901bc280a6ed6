import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, ROOT } from '../e2e/support/build';
import { residentId, startStaffAuditApp } from './staff-audit-support';

jest.setTimeout(180_000);

const dataDir = mkdtempSync(join(tmpdir(), 'yikao-audit-cli-'));
const idNumber = residentId(71);

/** Runs a compiled CLI on the test's data directory; resolves with its exit code and output. */
function cli(
  script: string,
  args: string[],
  input?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [join(ROOT, 'dist', 'src', 'cli', script), ...args],
      { cwd: ROOT, env: { ...process.env, APP_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'error' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

beforeAll(async () => {
  ensureBuilt();
  const t = await startStaffAuditApp(dataDir);
  expect((await t.register({ username: 'cli_cand', idNumber })).status).toBe(201);
  expect((await t.register({ username: 'cli_other', idNumber })).status).toBe(409);
  await t.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run audit / verify:log', () => {
  it('prints a candidate’s history found by username or ID number, never the number itself', async () => {
    for (const ref of ['cli_cand', idNumber]) {
      const run = await cli('audit.js', [ref]);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('cli_cand');
      expect(run.stdout).toContain('DuplicateRegistrationAttempted');
      // In the auditor's words: the event in Chinese, who, and the time in Beijing time.
      expect(run.stdout).toContain('重复注册尝试（DuplicateRegistrationAttempted）');
      expect(run.stdout).toContain('未登录的访问者');
      expect(run.stdout).toMatch(/ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /);
      expect(run.stdout).not.toContain('anonymous:anonymous');
      expect(run.stdout).not.toContain(idNumber);
    }
    const csv = await cli('audit.js', ['cli_cand', '--csv']);
    expect(csv.stdout).toContain('position,recordedAt');
    // The command's look-ups are on the record like an auditor's on the pages, named by the OS account.
    const json = JSON.parse((await cli('audit.js', ['cli_cand', '--json'])).stdout) as {
      entries: Array<{ type: string; actor: { role: string; id: string }; data: { view: string; terms: object } }>;
    };
    const lookUps = json.entries.filter((entry) => entry.type === 'CandidateRecordViewed');
    expect(lookUps.map((entry) => entry.data.terms)).toEqual([
      { format: 'table', via: 'npm run audit' },
      { format: 'table', via: 'npm run audit' },
      { format: 'csv', via: 'npm run audit' },
      { format: 'json', via: 'npm run audit' },
    ]);
    expect(lookUps[0].actor).toEqual({ role: 'auditor', id: expect.stringMatching(/^cli:./) });
    expect((await cli('audit.js', ['nobody_at_all'])).code).toBe(3);
    expect((await cli('audit.js', [])).code).toBe(2);
  });

  it('takes the ID number on standard input (--stdin, --candidate-stdin), so it stays out of shell history and ps', async () => {
    const run = await cli('audit.js', ['--stdin'], `${idNumber}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('cli_cand');
    expect(run.stdout).not.toContain(idNumber);
    expect((await cli('audit.js', ['--stdin'], '\n')).code).toBe(2);
    const verified = await cli('verify-log.js', ['--candidate-stdin'], `${idNumber}\n`);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('INTACT');
  });

  it('proves the log intact, then names the event altered in the SQLite file', async () => {
    const intact = await cli('verify-log.js', []);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('INTACT');
    expect((await cli('verify-log.js', ['--candidate', 'cli_cand'])).code).toBe(0);

    const db = new Database(join(dataDir, 'events.sqlite'));
    const row = db
      .prepare(`SELECT stream_id, revision FROM events WHERE type = 'DuplicateRegistrationAttempted'`)
      .get() as { stream_id: string; revision: number };
    db.prepare(
      `UPDATE events SET data = json_set(data, '$.usernameTyped', 'someone') WHERE type = 'DuplicateRegistrationAttempted'`,
    ).run();
    db.close();

    const report = await cli('verify-log.js', ['--json']);
    expect(report.code).toBe(1);
    expect(JSON.parse(report.stdout).firstProblem).toMatchObject({
      kind: 'altered',
      streamId: row.stream_id,
      revision: String(row.revision),
      eventType: 'DuplicateRegistrationAttempted',
    });
    const stream = await cli('verify-log.js', ['--stream', row.stream_id]);
    expect(stream.code).toBe(1);
    expect(stream.stdout).toContain('altered');
    // Where and what, in the auditor's words: the kind, the 序号 of the history page, the event in Chinese.
    expect(stream.stdout).toContain('事件内容被修改：序号 ');
    expect(stream.stdout).toContain(
      `记录流 ${row.stream_id}，第 ${row.revision} 号事件，重复注册尝试（DuplicateRegistrationAttempted）`,
    );
  });
});
