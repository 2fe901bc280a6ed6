import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants, from /proc: how
 * much work Chromium did, whatever else the machine was busy with. Linux only; 0 elsewhere.
 */
export function processTreeCpuMs(rootPid: number | undefined): number {
  if (rootPid === undefined) return 0;
  let stats: Array<{ pid: number; ppid: number; ticks: number }>;
  try {
    stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((name) => {
        try {
          const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
          // Fields after the command name, which is in parentheses and may hold spaces.
          const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
          return [{ pid: Number(name), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return [];
        }
      });
  } catch {
    return 0;
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const { pid, ppid } of stats) {
      if (tree.has(ppid) && !tree.has(pid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const ticks = stats.filter(({ pid }) => tree.has(pid)).reduce((sum, { ticks: used }) => sum + used, 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** This Node process's CPU time (ms), all threads. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
