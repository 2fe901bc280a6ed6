import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { WalCheckpointer } from './wal-checkpointer';

describe('WalCheckpointer', () => {
  jest.setTimeout(20_000);
  const dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const until = async (condition: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  it('copies the WAL into the database file, and goes on after its thread died', async () => {
    const file = join(dir, 'restart.sqlite');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.pragma('wal_autocheckpoint = 0'); // only the checkpointer copies
    writer.exec('CREATE TABLE t (x TEXT)');
    const insert = writer.prepare('INSERT INTO t VALUES (?)');
    const checkpointer = new WalCheckpointer(file, () => undefined, 20);
    try {
      insert.run('a'.repeat(100_000));
      await until(() => statSync(file).size > 100_000);

      const worker = (checkpointer as unknown as { worker: Worker }).worker;
      await worker.terminate();
      insert.run('b'.repeat(400_000));
      await until(() => statSync(file).size > 500_000);
    } finally {
      await checkpointer.close();
      writer.close();
    }
  });

  it('reports a failing thread once a minute, not at every restart', async () => {
    const warnings: string[] = [];
    const checkpointer = new WalCheckpointer(join(dir, 'missing', 'dir', 'x.sqlite'), (m) => warnings.push(m), 20);
    try {
      await until(() => warnings.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // at least two restarts, each failing
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/directory does not exist|unable to open/i);
    } finally {
      await checkpointer.close();
    }
  });
});
