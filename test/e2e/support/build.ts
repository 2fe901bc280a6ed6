import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const MAIN_JS = join(ROOT, 'dist', 'src', 'main.js');
const LOCK = join(ROOT, 'dist', '.e2e-build.lock');

function newestSourceMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return Math.max(newest, newestSourceMtime(path));
    return entry.name.endsWith('.ts') ? Math.max(newest, statSync(path).mtimeMs) : newest;
  }, 0);
}

function isStale(): boolean {
  if (!existsSync(MAIN_JS)) return true;
  const built = statSync(MAIN_JS).mtimeMs;
  return ['src', 'projections'].some((dir) => newestSourceMtime(join(ROOT, dir)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The browser and child-process tests run the compiled app (`node dist/src/main.js`). `npm test`
 * builds first; run alone, a missing or stale build is compiled here (transpile only, like
 * `npm run build`; type errors are `npm run typecheck`'s job). One build at a time (a lock dir).
 */
export function ensureBuilt(): string {
  if (!isStale()) return MAIN_JS;
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 180_000) throw new Error(`another build holds ${LOCK}; remove it if no build is running`);
      sleep(200);
    }
  }
  try {
    if (isStale()) {
      const tsc = require.resolve('typescript/bin/tsc');
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck', '--incremental', 'false'], {
        cwd: ROOT,
        stdio: 'pipe',
      });
    }
  } finally {
    rmdirSync(LOCK);
  }
  if (!existsSync(MAIN_JS)) throw new Error(`${MAIN_JS} was not produced by the build`);
  return MAIN_JS;
}
