import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionThread } from './projection-thread';
import type { ProjectionThreadData } from './projection-thread.protocol';

/** A stand-in thread: reports ready, answers pauses, and logs what it was started with; exits on 'exit'. */
const FAKE_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.postMessage({ type: 'log', level: 'log', message: 'started paused=' + (workerData.paused || []).join(',') });
parentPort.on('message', (message) => {
  if (message.type === 'pause') parentPort.postMessage({ type: 'paused', id: message.id });
  if (message.type === 'resume') parentPort.postMessage({ type: 'log', level: 'log', message: 'resumed ' + message.name });
  if (message.type === 'exit') process.exit(3);
  if (message.type === 'stop') { parentPort.postMessage({ type: 'stopped' }); parentPort.close(); }
});
if (!workerData.silent) parentPort.postMessage({ type: 'ready' });
`;

describe('ProjectionThread', () => {
  let dir: string;
  let script: string;
  const logs: string[] = [];
  const logger = {
    log: (m: string) => logs.push(m),
    warn: (m: string) => logs.push(m),
    error: (m: string) => logs.push(m),
  };
  const data = (extra: object = {}) =>
    ({
      names: ['a', 'b'],
      eventStore: { kind: 'sqlite', file: 'x' },
      readStore: { kind: 'embedded', file: 'y' },
      pollIntervalMs: 5,
      ...extra,
    }) as unknown as ProjectionThreadData;
  const newThread = (extra: object = {}) =>
    new ProjectionThread(script, data(extra), { progress: () => undefined, ended: () => undefined }, logger, () => 10);
  const until = async (condition: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'projection-thread-'));
    script = join(dir, 'fake-thread.js');
    writeFileSync(script, FAKE_THREAD);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => (logs.length = 0));

  it('keeps a projection paused across a restart of the thread, until it is resumed', async () => {
    const thread = newThread();
    expect(await thread.start()).toBe(true);
    await thread.pause('a');
    (thread as unknown as { worker: { postMessage(m: object): void } }).worker.postMessage({ type: 'exit' });
    await until(() => logs.includes('started paused=a'));
    thread.resume('b');
    thread.resume('a');
    await until(() => logs.includes('resumed a'));
    await thread.stop(1000);
    expect(logs.filter((line) => line.startsWith('Projection thread exited (code 3)'))).toHaveLength(1);
  });

  it('pausing while the thread is down resolves at once and holds for the next start', async () => {
    const thread = newThread();
    await thread.pause('b');
    expect(await thread.start()).toBe(true);
    expect(logs).toContain('started paused=b');
    await thread.stop(1000);
  });

  it('answers false when the thread does not report ready in time', async () => {
    const thread = newThread({ silent: true });
    expect(await thread.start(200)).toBe(false);
    await thread.stop(1000);
  });
});
