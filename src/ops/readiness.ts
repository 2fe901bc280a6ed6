import type { ProjectionStatus } from '../infrastructure/projections/projection';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  reason?: string;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

/**
 * A projection is ready when it runs without error and, if it is behind the log, its last
 * event was applied within `maxLagMs` of being stored (a rebuild from 0 is not ready).
 */
export function projectionCheck(status: ProjectionStatus, maxLagMs: number): ReadinessCheck {
  const name = `projection:${status.name}`;
  if (status.error) return { name, ok: false, reason: `failed: ${status.error}` };
  if (!status.running) return { name, ok: false, reason: 'not running' };
  if (status.behind && status.lastLagMs > maxLagMs) {
    return { name, ok: false, reason: `behind the event log by ${status.lastLagMs} ms (limit ${maxLagMs} ms)` };
  }
  return { name, ok: true };
}

export async function pingCheck(name: string, ping: () => Promise<void>, timeoutMs: number): Promise<ReadinessCheck> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([ping(), timeout]);
    return { name, ok: true };
  } catch (error) {
    return { name, ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export function readinessOf(checks: ReadinessCheck[]): Readiness {
  return { ready: checks.every((check) => check.ok), checks };
}
