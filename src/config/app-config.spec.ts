import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig: the password-hash queue', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'yikao-config-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = (env: Record<string, string>) => loadConfig({ APP_ENV: 'test', DATA_DIR: dataDir, ...env });

  it('runs as many hashes at once as there are cores, at most 3 (libuv’s pool keeps a thread for files)', () => {
    expect(load({}).passwordHashing).toEqual({ concurrency: Math.min(3, availableParallelism()), maxWaiting: 200 });
  });

  it('shares the cores among the app processes of WEB_CONCURRENCY, each keeping one', () => {
    expect(load({ WEB_CONCURRENCY: String(availableParallelism()) }).passwordHashing.concurrency).toBe(1);
  });

  it('takes both from the environment, and refuses what is out of range', () => {
    expect(load({ PASSWORD_HASH_CONCURRENCY: '5', PASSWORD_HASH_QUEUE: '0' }).passwordHashing).toEqual({
      concurrency: 5,
      maxWaiting: 0,
    });
    expect(() => load({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(ConfigError);
    expect(() => load({ PASSWORD_HASH_QUEUE: '-1' })).toThrow(ConfigError);
  });
});
