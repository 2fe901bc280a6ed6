import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import { SESSION_ABSOLUTE_MS, SESSION_CACHE_MS, SESSION_IDLE_MS, SessionStore } from './session.store';

describe('session store (embedded read store, as two processes would share it)', () => {
  let dir: string;
  let stores: EmbeddedReadStore[];
  let first: SessionStore;
  let second: SessionStore;
  const user = { role: 'candidate' as const, id: 'c1', username: 'zhangsan01' };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sessions-'));
    stores = [
      new EmbeddedReadStore({ file: join(dir, 'read.sqlite') }),
      new EmbeddedReadStore({ file: join(dir, 'read.sqlite') }),
    ];
    first = new SessionStore(stores[0]);
    second = new SessionStore(stores[1]);
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a session in another process, keeping only a hash of the token', async () => {
    const { token, sessionId } = await first.create(user);
    expect(sessionId).not.toContain(token);
    expect(await second.resolve(token)).toMatchObject({
      role: 'candidate',
      id: 'c1',
      username: 'zhangsan01',
      sessionId,
    });
    expect(await second.resolve('forged-token')).toBeUndefined();
  });

  it('ends a session after the idle timeout, and is kept alive by use', async () => {
    const { token } = await first.create(user);
    const t0 = Date.now();
    expect(await first.resolve(token, t0 + SESSION_IDLE_MS - 1000)).toBeDefined();
    expect(await second.resolve(token, t0 + 2 * SESSION_IDLE_MS - 2000)).toBeDefined();
    expect(await second.resolve(token, t0 + 3 * SESSION_IDLE_MS)).toBeUndefined();
  });

  it('ends a session after the absolute timeout however busy it is', async () => {
    const { token } = await first.create(user);
    const t0 = Date.now();
    for (let t = t0; t < t0 + SESSION_ABSOLUTE_MS; t += SESSION_IDLE_MS / 2)
      expect(await second.resolve(token, t)).toBeDefined();
    expect(await second.resolve(token, t0 + SESSION_ABSOLUTE_MS + 1000)).toBeUndefined();
  });

  it('logs out everywhere at once, and ends the other sessions of a user', async () => {
    const a = await first.create(user);
    const b = await first.create(user);
    const other = await first.create({ ...user, id: 'c2' });
    await second.end((await second.resolve(a.token))!.sessionId);
    expect(await second.resolve(a.token)).toBeUndefined();
    const c = await first.create(user);
    await first.endAllOf('c1', (await first.resolve(c.token))!.sessionId);
    expect(await second.resolve(b.token)).toBeUndefined();
    expect(await second.resolve(c.token)).toBeDefined();
    expect(await second.resolve(other.token)).toBeDefined();
  });

  it('ends all sessions of a suspended account: a process that had one cached lets it go within the cache window', async () => {
    const t0 = Date.now();
    const a = await first.create(user, t0);
    const b = await first.create(user, t0);
    const other = await first.create({ ...user, id: 'c2' }, t0);
    expect(await second.resolve(a.token, t0 + 10)).toBeDefined();
    await first.endAllOf('c1');
    expect(await first.resolve(b.token, t0 + 20)).toBeUndefined();
    expect(await second.resolve(b.token, t0 + 20)).toBeUndefined();
    expect(await second.resolve(a.token, t0 + 11 + SESSION_CACHE_MS)).toBeUndefined();
    expect(await second.resolve(other.token, t0 + 20)).toBeDefined();
  });

  it('sweeps sessions left idle, so abandoned browsers do not pile up', async () => {
    const t0 = Date.now();
    const abandoned = await first.create(user, t0);
    await first.create({ ...user, id: 'c2' }, t0 + 11 * 60 * 1000 + SESSION_IDLE_MS);
    expect(await second.resolve(abandoned.token, t0 + 1000)).toBeUndefined();
  });
});
