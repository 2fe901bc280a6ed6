import { pingCheck, projectionCheck, readinessOf } from './readiness';

const status = { name: 'exam-catalog', checkpoint: '10', behind: false, lastLagMs: 50, running: true };

describe('readiness', () => {
  it('a running projection is ready when caught up, or behind but within the lag bound', () => {
    expect(projectionCheck(status, 5000).ok).toBe(true);
    expect(projectionCheck({ ...status, behind: true, lastLagMs: 4000 }, 5000).ok).toBe(true);
    expect(projectionCheck({ ...status, behind: false, lastLagMs: 90_000 }, 5000).ok).toBe(true);
  });

  it('says why a projection is not ready', () => {
    expect(projectionCheck({ ...status, behind: true, lastLagMs: 9000 }, 5000).reason).toBe(
      'behind the event log by 9000 ms (limit 5000 ms)',
    );
    expect(projectionCheck({ ...status, running: false }, 5000).reason).toBe('not running');
    expect(projectionCheck({ ...status, running: false, error: 'disk full' }, 5000).reason).toBe('failed: disk full');
  });

  it('a store that fails or hangs is not ready; all checks must pass', async () => {
    const down = await pingCheck('read-store', () => Promise.reject(new Error('ECONNREFUSED')), 100);
    const hung = await pingCheck('event-store', () => new Promise(() => undefined), 50);
    expect(down).toEqual({ name: 'read-store', ok: false, reason: 'ECONNREFUSED' });
    expect(hung.reason).toBe('no answer within 50 ms');
    const up = await pingCheck('event-store', () => Promise.resolve(), 50);
    expect(readinessOf([up]).ready).toBe(true);
    expect(readinessOf([up, down]).ready).toBe(false);
  });
});
