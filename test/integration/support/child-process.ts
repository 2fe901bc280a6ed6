import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningChild {
  process: ChildProcess;
  /** Every complete stdout line so far. */
  lines: string[];
  /** Resolves once a line matching `predicate` has arrived (or rejects if the child exits first). */
  waitForLine(predicate: (line: string, index: number) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `node script ...args` and collects its stdout by line. */
export function startChild(script: string, args: string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let stderr = '';
  let listeners: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const listener of listeners) listener();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code, signal, stderr });
    }),
  );
  const waitForLine = (predicate: (line: string, index: number) => boolean, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (lines.some(predicate)) finish(resolve);
        else if (child.exitCode !== null || child.signalCode !== null)
          finish(() => reject(new Error(`Child exited before the expected line:\n${stderr}`)));
      };
      const timer = setTimeout(
        () => finish(() => reject(new Error(`No expected line within ${timeoutMs} ms`))),
        timeoutMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners = listeners.filter((listener) => listener !== check);
        settle();
      };
      listeners.push(check);
      check();
    });
  return { process: child, lines, waitForLine, exited };
}
