/**
 * npm run bench:directory — the institution directory over a generated SYNTHETIC directory of
 * 200,000 employers (names assembled from random syllables; not real institutions):
 * - buildMs: read the CSV, parse it and build the index (the app's start-up work);
 * - searchP99Ms: the search itself, in-process, over a mix of initials, full pinyin and Chinese;
 * - p50Ms / p99Ms / requestsPerSec: GET /api/directory/search through HTTP, 50 concurrent clients,
 *   against the compiled app started as in production (`node dist/src/main.js`, its own process,
 *   request log at info to a file), driven by autocannon from this process;
 * - rssMb: resident memory of this process with the index built.
 * Writes bench/results/directory.json. Targets (issue 4): searchP99Ms < 1, HTTP p99 < 25 ms,
 * buildMs < 5,000. Wall-clock figures on a shared machine include other processes' load, so CPU
 * time and the load average are reported too.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectoryIndex } from '../src/directory/search/directory-index';
import { readDirectoryRows } from '../src/directory/seed-data/directory-rows';
import { syntheticDirectory } from './directory-synthetic';
import { repositoryRoot, writeBenchReport } from './support/bench-report';
import { withAppProcess } from './support/app-process';
import { cannon } from './support/autocannon-load';
import { percentile } from './support/http-load';

const SETTINGS = { entries: 200_000, searches: 20_000, clients: 50, requests: 20_000, warmUpRequests: 10_000 };

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** What people type: initials and full pinyin of real-looking prefixes and words, Chinese fragments. */
function queryMix(names: string[], count: number): string[] {
  const fixed = [
    'bjdx',
    'cq',
    'rmyy',
    'yy',
    'chongqing',
    'xiamen',
    'zyyy',
    'fybjy',
    'gd',
    'sh',
    'hn',
    'shanghai',
    'renmin',
  ];
  const queries: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = names[(i * 7919) % names.length];
    switch (i % 4) {
      case 0:
        queries.push(name.slice(0, 2 + (i % 4)));
        break;
      case 1:
        queries.push(name.slice(2 + (i % 3), 4 + (i % 3) + (i % 2)));
        break;
      default:
        queries.push(fixed[i % fixed.length]);
    }
  }
  return queries;
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Runs `work` against the app started on this directory with WEB_CONCURRENCY=`processes`. */
function withServer<T>(seedDir: string, processes: number, work: (port: number) => Promise<T>): Promise<T> {
  return withAppProcess(
    {
      APP_ENV: 'test',
      DATA_DIR: join(seedDir, `data-${processes}`),
      DIRECTORY_SEED_DIR: seedDir,
      WEB_CONCURRENCY: String(processes),
      LOG_LEVEL: 'info',
    },
    join(seedDir, `server-${processes}.log`),
    work,
  );
}

/** Writes the directory CSV into `seedDir`, then builds the index and searches it in this process. */
function inProcess(seedDir: string) {
  const entries = syntheticDirectory(SETTINGS.entries);
  const csv = ['name,province,city,level', ...entries.map((e) => `${e.name},${e.province},${e.city},`)].join('\n');
  writeFileSync(join(seedDir, 'hospitals.csv'), csv);
  copyFileSync(join(repositoryRoot(), 'seed', 'directory', 'schools.csv'), join(seedDir, 'schools.csv'));

  // The generator's garbage (200,000 entries, the CSV text) is collected first: it is not the build's.
  (globalThis as { gc?: () => void }).gc?.();
  const buildCpu = process.cpuUsage();
  const buildStart = performance.now();
  const rows = readDirectoryRows(readFileSync(join(seedDir, 'hospitals.csv'), 'utf8'));
  const index = new DirectoryIndex(rows.entries);
  const buildMs = performance.now() - buildStart;
  const buildCpuMs = cpuMsSince(buildCpu);
  if (index.size !== SETTINGS.entries) throw new Error(`indexed ${index.size} of ${SETTINGS.entries}`);
  // Collect the build's garbage now (run with --expose-gc), so that it is not timed as search latency.
  (globalThis as { gc?: () => void }).gc?.();
  const rssMb = process.memoryUsage().rss / 2 ** 20;

  const queries = queryMix(
    entries.map((e) => e.name),
    SETTINGS.searches,
  );
  for (const q of queries.slice(0, 2000)) index.search(q, 10); // warm-up (JIT)
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let hits = 0;
  for (const q of queries) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    hits += index.search(q, 10).length;
    times.push(performance.now() - t0);
    cpuTimes.push(cpuMsSince(cpu0));
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);

  return {
    entries: index.size,
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round(buildCpuMs),
    searches: queries.length,
    meanHitsPerSearch: round(hits / queries.length, 1),
    searchP50Ms: round(percentile(times, 50)),
    searchP99Ms: round(percentile(times, 99)),
    searchMaxMs: round(times[times.length - 1]),
    /** CPU time per search (not counting time the OS gave to other processes). */
    searchCpuP99Ms: round(percentile(cpuTimes, 99)),
    rssMb: Math.round(rssMb),
    sampleQueries: queries.slice(0, 2000),
  };
}

async function main(): Promise<void> {
  const seedDir = mkdtempSync(join(tmpdir(), 'bench-directory-'));
  const dataDir = join(seedDir, 'data');
  mkdirSync(dataDir);
  const { sampleQueries, ...searchFigures } = inProcess(seedDir);
  const searchPaths = sampleQueries
    .slice(0, 2000)
    .map((q) => `/api/directory/search?kind=employer&q=${encodeURIComponent(q)}`);
  const underLoad = async (port: number) => {
    // Warm-up: the JIT, and the start-up work (projections catching up) out of the way.
    await cannon(port, searchPaths, SETTINGS.warmUpRequests, SETTINGS.clients);
    const search = await cannon(port, searchPaths, SETTINGS.requests, SETTINGS.clients);
    // The framework's own rate on this machine (GET /health, same clients): the bound on any route.
    const health = await cannon(port, ['/health'], SETTINGS.requests, SETTINGS.clients);
    return { search, health };
  };
  // This process's own index is garbage now: collected before the load, it cannot stall the load generator.
  (globalThis as { gc?: () => void }).gc?.();
  const { search, health } = await withServer(seedDir, 1, underLoad);
  // The same load against two processes on one port (WEB_CONCURRENCY=2).
  const { search: twoProcesses } = await withServer(seedDir, 2, underLoad);
  rmSync(seedDir, { recursive: true, force: true });

  const figures = {
    synthetic: true,
    note: 'SYNTHETIC names generated by bench/directory-synthetic.ts; not real institutions',
    ...searchFigures,
    clients: SETTINGS.clients,
    requests: SETTINGS.requests,
    p50Ms: search.p50Ms,
    p99Ms: search.p99Ms,
    requestsPerSec: search.requestsPerSec,
    healthRequestsPerSec: health.requestsPerSec,
    healthP99Ms: health.p99Ms,
    twoProcesses: {
      note: 'the same with WEB_CONCURRENCY=2 (node:cluster), same searches and clients',
      requestsPerSec: twoProcesses.requestsPerSec,
      p50Ms: twoProcesses.p50Ms,
      p99Ms: twoProcesses.p99Ms,
    },
    server: 'node dist/src/main.js in its own process, APP_ENV=test, LOG_LEVEL=info to a file',
    loadGenerator: 'autocannon in the bench process (bench/support/autocannon-load.ts), 1 ms latency resolution',
  };
  const file = writeBenchReport('directory', figures);
  console.log(JSON.stringify(figures, null, 2));
  console.log(`written to ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
