import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore } from '../../infrastructure/read-store/embedded/embedded-read-store';
import { IpThrottle, MAX_FAILURES_PER_IP } from './ip-throttle';

describe('IP throttle (shared by app processes through the read store)', () => {
  let dir: string;
  let stores: EmbeddedReadStore[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ip-throttle-'));
    stores = [
      new EmbeddedReadStore({ file: join(dir, 'r.sqlite') }),
      new EmbeddedReadStore({ file: join(dir, 'r.sqlite') }),
    ];
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an address after the limit of failures counted by every process, for ten minutes', async () => {
    const [first, second] = stores.map((store) => new IpThrottle(store));
    const t0 = Date.now();
    await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_IP - 1 }, (_, i) => (i % 2 ? first : second).fail('10.0.0.1', t0 + i)),
    );
    await expect(first.check('10.0.0.1', t0 + 100)).resolves.toBeUndefined();
    await second.fail('10.0.0.1', t0 + 100);
    await expect(first.check('10.0.0.1', t0 + 200)).rejects.toMatchObject({ code: 'IP_THROTTLED' });
    await expect(second.check('10.0.0.2', t0 + 200)).resolves.toBeUndefined();
    await expect(first.check('10.0.0.1', t0 + 10 * 60 * 1000 + 101)).resolves.toBeUndefined();
  });
});
