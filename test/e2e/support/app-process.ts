import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ensureBuilt } from './build';

export interface RunningApp {
  baseUrl: string;
  dataDir: string;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** The app most recently started: `visit(page, '/path')` resolves paths against it. */
let activeBaseUrl: string | undefined;
export const currentBaseUrl = (): string | undefined => activeBaseUrl;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/ready`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app was not ready within ${timeoutMs} ms (last: ${last}):\n${output()}`);
}

/** Only what a child needs from the outer environment: store URLs and the like must not leak in. */
function passThrough(): Record<string, string> {
  const names = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ', 'PUPPETEER_EXECUTABLE_PATH'];
  return Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name] as string]] : [])));
}

/**
 * Starts the compiled app as a child process on a free port with a fresh data dir and
 * APP_ENV=test, and waits for /ready. `stop()` sends SIGTERM (graceful shutdown), then SIGKILL.
 */
export async function startApp(env: Record<string, string> = {}, readyTimeoutMs = 30_000): Promise<RunningApp> {
  const main = ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'yikao-e2e-'));
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...passThrough(),
      APP_ENV: 'test',
      CAPTCHA_MODE: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    if (activeBaseUrl === baseUrl) activeBaseUrl = undefined;
  };
  try {
    await waitForReady(baseUrl, child, () => output, readyTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  activeBaseUrl = baseUrl;
  return { baseUrl, dataDir, output: () => output, stop };
}
