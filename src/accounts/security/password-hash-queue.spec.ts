import { ServerBusyError } from '../../shared/errors';
import { PasswordHashQueue } from './password-hash-queue';

/** A job the test finishes by hand, so that what runs and what waits is known at every moment. */
function heldJob(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = () => resolve(name);
    fail = reject;
  });
  return {
    job: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish,
    fail,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PasswordHashQueue', () => {
  it('runs at most `concurrency` jobs at once and starts the others in the order they came', async () => {
    const queue = new PasswordHashQueue(2, 10);
    const log: string[] = [];
    const jobs = ['a', 'b', 'c', 'd'].map((name) => heldJob(log, name));
    const results = jobs.map(({ job }) => queue.run(job));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(queue.waitingJobs).toBe(2);

    jobs[1].finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    jobs[0].finish();
    jobs[2].finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    jobs[3].finish();
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd']);
    expect(queue.waitingJobs).toBe(0);
  });

  it('hands a finished slot to the first waiting job, not to one that arrives meanwhile', async () => {
    const queue = new PasswordHashQueue(1, 10);
    const log: string[] = [];
    const first = heldJob(log, 'first');
    const waiting = heldJob(log, 'waiting');
    const late = heldJob(log, 'late');
    void queue.run(first.job);
    void queue.run(waiting.job);
    await settle();
    first.finish();
    // Queued after the first job's continuation (which frees its slot), before the waiting one's.
    queueMicrotask(() => void queue.run(late.job));
    await settle();
    expect(log).toEqual(['start first', 'start waiting']);
    waiting.finish();
    await settle();
    expect(log).toEqual(['start first', 'start waiting', 'start late']);
    late.finish();
  });

  it('frees the slot of a job that fails', async () => {
    const queue = new PasswordHashQueue(1, 10);
    const log: string[] = [];
    const failing = heldJob(log, 'failing');
    const next = heldJob(log, 'next');
    const failed = queue.run(failing.job);
    const after = queue.run(next.job);
    failing.fail(new Error('argon2 failed'));
    await expect(failed).rejects.toThrow('argon2 failed');
    await settle();
    expect(log).toEqual(['start failing', 'start next']);
    next.finish();
    await expect(after).resolves.toBe('next');
  });

  it('admits while a slot is free or fewer than maxWaiting wait, and refuses SERVER_BUSY past that', async () => {
    const queue = new PasswordHashQueue(1, 2);
    const log: string[] = [];
    const jobs = ['a', 'b', 'c'].map((name) => heldJob(log, name));
    expect(() => queue.admit()).not.toThrow();
    void queue.run(jobs[0].job);
    expect(() => queue.admit()).not.toThrow(); // a slot taken, nobody waiting
    void queue.run(jobs[1].job);
    void queue.run(jobs[2].job);
    await settle();

    let refusal: unknown;
    try {
      queue.admit();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ServerBusyError);
    expect(refusal).toMatchObject({ code: 'SERVER_BUSY', httpStatus: 503 });
    expect((refusal as ServerBusyError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refusal as ServerBusyError).message).toContain(
      `${(refusal as ServerBusyError).retryAfterSeconds} 秒后再试`,
    );

    jobs[0].finish();
    await settle();
    expect(() => queue.admit()).not.toThrow(); // one waits again
    jobs[1].finish();
    jobs[2].finish();
  });

  it('with maxWaiting 0 refuses exactly when every slot is taken', async () => {
    const queue = new PasswordHashQueue(1, 0);
    const job = heldJob([], 'only');
    expect(() => queue.admit()).not.toThrow();
    const running = queue.run(job.job);
    expect(() => queue.admit()).toThrow(ServerBusyError);
    job.finish();
    await running;
    expect(() => queue.admit()).not.toThrow();
  });

  it('tells its observer how many wait and each refusal', async () => {
    const seen: string[] = [];
    const queue = new PasswordHashQueue(1, 1, {
      waiting: (jobs) => seen.push(`waiting ${jobs}`),
      refused: () => seen.push('refused'),
    });
    const jobs = ['a', 'b'].map((name) => heldJob([], name));
    const runs = jobs.map(({ job }) => queue.run(job));
    await settle();
    expect(() => queue.admit()).toThrow(ServerBusyError);
    jobs[0].finish();
    await settle();
    jobs[1].finish();
    await Promise.all(runs);
    expect(seen).toEqual(['waiting 1', 'refused', 'waiting 0']);
  });
});
