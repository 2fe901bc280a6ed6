import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from './bench-report';

async function answers(port: number, path: string): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}${path}`)).ok;
  } catch {
    return false;
  }
}

/**
 * Runs `work` against dist/src/main.js started in its own process with `env` (on a random port,
 * its log to `logFile`, as a service's would go), once /ready answers; then stops it with SIGTERM.
 */
export async function withAppProcess<T>(
  env: Record<string, string>,
  logFile: string,
  work: (port: number) => Promise<T>,
): Promise<T> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [join(repositoryRoot(), 'dist', 'src', 'main.js')], {
    cwd: repositoryRoot(),
    env: { PATH: process.env.PATH, ...env, PORT: String(port) },
    stdio: ['ignore', log, 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    for (const started = Date.now(); !(await answers(port, '/ready')); await new Promise((r) => setTimeout(r, 200)))
      if (Date.now() - started > 120_000 || child.exitCode !== null) throw new Error('the server did not start');
    return await work(port);
  } finally {
    child.kill('SIGTERM');
    await exited;
    closeSync(log);
  }
}
