import type { Principal } from '../../infrastructure/http/principal';
import { mayFollow, runView, scopeKeyOf, STALE_RUN_AFTER_MS, statusAt, type TicketRunDocument } from './ticket-run';

const run = (extra: Partial<TicketRunDocument> = {}): TicketRunDocument => ({
  runId: 'r1',
  sessionCode: '2027',
  scopeKey: 'area:11',
  scope: { areaCode: '11' },
  startedBy: { id: 's1', username: 'kaowu11', role: 'staff' },
  startedAt: '2027-03-01T01:00:00.000Z',
  heartbeatAt: '2027-03-01T01:00:00.000Z',
  finishedAt: null,
  status: 'running',
  phase: 'recording',
  approved: 10,
  allocated: 10,
  processed: 4,
  issued: 4,
  skippedCount: 0,
  skipped: [],
  error: null,
  ...extra,
});
const principal = (role: Principal['role'], scope?: Principal['scope']): Principal => ({
  role,
  id: 'p',
  username: 'p',
  scope,
  sessionId: 's',
});

describe('a ticket batch run as staff follow it', () => {
  it('is running while its process writes, and interrupted once it has not for the stale delay', () => {
    const beat = Date.parse(run().heartbeatAt);
    expect(statusAt(run(), new Date(beat + STALE_RUN_AFTER_MS))).toBe('running');
    expect(statusAt(run(), new Date(beat + STALE_RUN_AFTER_MS + 1))).toBe('interrupted');
    // An ended run keeps its status however old.
    expect(statusAt(run({ status: 'done' }), new Date(beat + 10 * STALE_RUN_AFTER_MS))).toBe('done');
  });

  it('is keyed by the narrowest part of the scope, and followed by its scope and by admins', () => {
    expect(scopeKeyOf({ areaCode: '11', siteCode: '1101' })).toBe('site:1101');
    expect(scopeKeyOf({ areaCode: '11' })).toBe('area:11');
    expect(scopeKeyOf(undefined)).toBe('all');
    expect(mayFollow(principal('staff', { areaCode: '11' }), run())).toBe(true);
    expect(mayFollow(principal('staff', { areaCode: '12' }), run())).toBe(false);
    expect(mayFollow(principal('staff', { areaCode: '11', siteCode: '1101' }), run())).toBe(false);
    expect(mayFollow(principal('admin'), run())).toBe(true);
  });

  it('shows who started it by username and keeps its bookkeeping to itself', () => {
    const view = runView(run(), new Date(Date.parse(run().heartbeatAt) + 1000));
    expect(view).toMatchObject({ startedBy: 'kaowu11', status: 'running', processed: 4 });
    expect(view).not.toHaveProperty('heartbeatAt');
    expect(view).not.toHaveProperty('scopeKey');
  });
});
