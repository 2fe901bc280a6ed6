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

  /** A request admitted with work the test ends by hand. */
  function admittedRequest(queue: PasswordHashQueue) {
    let end!: () => void;
    let fail!: (error: Error) => void;
    const result = queue.admitted(
      () =>
        new Promise<void>((resolve, reject) => {
          end = resolve;
          fail = reject;
        }),
    );
    return { result, end: () => end(), fail: (error: Error) => fail(error) };
  }

  async function refusal(queue: PasswordHashQueue): Promise<ServerBusyError | undefined> {
    let work = false;
    try {
      await queue.admitted(async () => {
        work = true;
      });
    } catch (error) {
      expect(work).toBe(false);
      return error as ServerBusyError;
    }
    return undefined;
  }

  it('admits concurrency + maxWaiting requests at once and refuses the next with SERVER_BUSY, before its work', async () => {
    const queue = new PasswordHashQueue(1, 2);
    const requests = [admittedRequest(queue), admittedRequest(queue), admittedRequest(queue)];
    const refused = await refusal(queue);
    expect(refused).toBeInstanceOf(ServerBusyError);
    expect(refused).toMatchObject({ code: 'SERVER_BUSY', httpStatus: 503 });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused!.message).toContain(`${refused!.retryAfterSeconds} 秒后再试`);

    requests[0].end();
    await requests[0].result;
    expect(await refusal(queue)).toBeUndefined(); // a place again
    requests[1].end();
    requests[2].end();
  });

  it('counts a request from its admission, while it still reads its stores and has asked for no hash', async () => {
    // With MongoDB or EventStoreDB those reads take a network round trip, during which a crowd arrives.
    const queue = new PasswordHashQueue(1, 0);
    const reading = admittedRequest(queue);
    expect(queue.waitingJobs).toBe(0);
    expect(await refusal(queue)).toBeInstanceOf(ServerBusyError);
    reading.end();
    await reading.result;
    expect(await refusal(queue)).toBeUndefined();
  });

  it('gives the place back when the use case fails', async () => {
    const queue = new PasswordHashQueue(1, 0);
    const failing = admittedRequest(queue);
    failing.fail(new Error('store down'));
    await expect(failing.result).rejects.toThrow('store down');
    expect(await refusal(queue)).toBeUndefined();
  });

  it('tells its observer how many requests are admitted and each refusal', async () => {
    const seen: string[] = [];
    const queue = new PasswordHashQueue(1, 0, {
      admitted: (requests) => seen.push(`admitted ${requests}`),
      refused: () => seen.push('refused'),
    });
    const request = admittedRequest(queue);
    await refusal(queue);
    request.end();
    await request.result;
    expect(seen).toEqual(['admitted 1', 'refused', 'admitted 0']);
  });
});
