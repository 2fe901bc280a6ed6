import { hostname } from 'node:os';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';

/**
 * A file beside the embedded read store naming the process that runs its live projections (pid and
 * host). `npm run projections:rebuild` reads it and refuses while that process is alive: a live
 * projection would keep writing into the read model being rebuilt. A marker left by a killed
 * process names a pid that is gone, and is ignored.
 */
export interface ProjectingProcess {
  pid: number;
  host: string;
  startedAt: string;
}

/** The marker's path for an embedded read store's file, or null (in-memory store: nothing to share). */
export function projectingMarkerFile(readStoreFile: string): string | null {
  return isAbsolute(readStoreFile) ? `${readStoreFile}.projecting.json` : null;
}

/**
 * Writes the marker; a failure (a full disk) is returned, not thrown: the app must still start and
 * serve reads, only the rebuild's guard is lost.
 */
export function markProjecting(file: string): string | null {
  const marker: ProjectingProcess = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  try {
    writeFileSync(file, `${JSON.stringify(marker)}\n`);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
}

/** Removes the marker if it is this process's (another process may have started since). */
export function unmarkProjecting(file: string): void {
  try {
    if (readMarker(file)?.pid === process.pid) rmSync(file, { force: true });
  } catch {
    // Left behind, it names a pid that will be gone: it blocks nothing.
  }
}

/** The live process of this host that the marker names, or null (no marker, another host, or gone). */
export function liveProjectingProcess(file: string): ProjectingProcess | null {
  const marker = readMarker(file);
  if (!marker || marker.host !== hostname() || marker.pid === process.pid) return null;
  try {
    process.kill(marker.pid, 0);
    return marker;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? marker : null;
  }
}

function readMarker(file: string): ProjectingProcess | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ProjectingProcess>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as ProjectingProcess) : null;
  } catch {
    return null;
  }
}
