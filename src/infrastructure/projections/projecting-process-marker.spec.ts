import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { liveProjectingProcess, markProjecting, unmarkProjecting } from './projecting-process-marker';

describe('the projecting-process marker', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'yikao-marker-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a marker that cannot be written (full disk, missing directory) is reported, not thrown: the app still starts', () => {
    expect(markProjecting(join(dir, 'missing', 'read-models.sqlite.projecting.json'))).toBe('ENOENT');
  });

  it('names this process, which sees none other than itself, and removes only its own marker', () => {
    const file = join(dir, 'read-models.sqlite.projecting.json');
    expect(markProjecting(file)).toBeNull();
    expect(liveProjectingProcess(file)).toBeNull();
    unmarkProjecting(file);
    expect(markProjecting(file)).toBeNull();
  });
});
