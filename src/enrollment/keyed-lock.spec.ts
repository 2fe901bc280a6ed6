import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  it('runs tasks of one key one after another, other keys alongside', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    // a1 holds key a until released by hand: no timers, so a loaded machine cannot reorder them.
    let releaseA1 = () => undefined as void;
    const a1Held = new Promise<void>((resolve) => (releaseA1 = resolve));
    const task =
      (name: string, until: Promise<void> = Promise.resolve()) =>
      async () => {
        log.push(`${name}:start`);
        await until;
        log.push(`${name}:end`);
        return name;
      };
    const a1 = lock.run('a', task('a1', a1Held));
    const a2 = lock.run('a', task('a2'));
    const b1 = await lock.run('b', task('b1'));
    expect(b1).toBe('b1'); // key b went ahead while key a was held
    expect(log).not.toContain('a2:start');
    releaseA1();
    expect(await Promise.all([a1, a2])).toEqual(['a1', 'a2']);
    expect(log.indexOf('a2:start')).toBeGreaterThan(log.indexOf('a1:end'));
  });

  it('goes on after a task fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
  });
});
