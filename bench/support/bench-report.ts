import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, arch, platform, release } from 'node:os';
import { dirname, join } from 'node:path';

/** The machine a figure was measured on: figures mean little without it. */
export function describeMachine() {
  const processors = cpus();
  return {
    platform: `${platform()} ${release()} ${arch()}`,
    cpuModel: processors[0]?.model ?? 'unknown',
    cpuCount: processors.length,
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    freeMemoryMb: Math.round(freemem() / 2 ** 20),
    /** 1, 5 and 15 minute load averages when the report was written: a busy machine measures low. */
    loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
  };
}

/** The repository root: the nearest folder above this file with a package.json (works from dist/ too). */
export function repositoryRoot(from: string = __dirname): string {
  let folder = from;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${from}`);
    folder = parent;
  }
  return folder;
}

/** Writes bench/results/<name>.json with the machine, Node version, date and figures; returns its path. */
export function writeBenchReport(name: string, figures: Record<string, unknown>): string {
  const folder = join(repositoryRoot(), 'bench', 'results');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.json`);
  const report = {
    benchmark: name,
    date: new Date().toISOString(),
    node: process.version,
    machine: describeMachine(),
    figures,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
