import { describeProgress } from './rebuild-progress-bar';

describe('describeProgress', () => {
  it('shows done/total, percentage, rate and ETA', () => {
    const line = describeProgress({
      projection: 'candidate-view',
      eventsRead: 25_000,
      eventsApplied: 20_000,
      position: 25_000n,
      headPosition: 100_000n,
      elapsedMs: 1000,
    });
    expect(line).toContain('candidate-view [███████░░░░░░░░░░░░░░░░░░░░░]  25.0%');
    expect(line).toContain('25,000/100,000 events · 25,000 events/s · ETA 0:03');
  });

  it('is complete at the head, also for an empty log', () => {
    const empty = { projection: 'p', eventsRead: 0, eventsApplied: 0, position: 0n, headPosition: 0n, elapsedMs: 5 };
    expect(describeProgress(empty)).toContain('100.0% 0/0 events · 0 events/s · ETA 0:00');
  });
});
