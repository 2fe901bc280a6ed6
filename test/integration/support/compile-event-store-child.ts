import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/**
 * Compiles event-store-child.ts and the adapter it imports into a fresh folder (transpiling only:
 * type-checking is `npm run typecheck`'s job), so the child runs the current source without
 * ts-node and without depending on a possibly stale build. The folder sits inside the repository,
 * under dist/ (ignored by git, ESLint and Prettier), so that the child finds node_modules.
 */
export function compileEventStoreChild(): { script: string; remove: () => void } {
  const parent = join(ROOT, 'dist', 'test-children');
  mkdirSync(parent, { recursive: true });
  const outDir = mkdtempSync(join(parent, 'event-store-child-'));
  const tsc = require.resolve('typescript/bin/tsc');
  const options = ['--outDir', outDir, '--rootDir', ROOT, '--module', 'commonjs', '--target', 'ES2022'];
  const relaxed = ['--esModuleInterop', '--skipLibCheck', '--noCheck', '--types', 'node', '--sourceMap', 'false'];
  execFileSync(process.execPath, [tsc, ...options, ...relaxed, join(__dirname, 'event-store-child.ts')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
  return {
    script: join(outDir, 'test', 'integration', 'support', 'event-store-child.js'),
    remove: () => rmSync(outDir, { recursive: true, force: true }),
  };
}
