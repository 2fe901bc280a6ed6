import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfCache } from './pdf-cache';

const pdf = (bytes: number, fill = 1) => Buffer.alloc(bytes, fill);

describe('PDF cache by document version', () => {
  let directory: string;
  beforeEach(() => (directory = mkdtempSync(join(tmpdir(), 'pdf-cache-'))));
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps PDFs in memory within its byte bound, dropping the least recently used', async () => {
    const cache = new PdfCache({ maxBytes: 300 });
    await cache.set('a', pdf(100));
    await cache.set('b', pdf(100));
    await cache.set('c', pdf(100));
    await cache.get('a'); // a is now more recent than b
    await cache.set('d', pdf(100));
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toEqual(pdf(100));
    expect(await cache.get('d')).toEqual(pdf(100));
    expect(cache.sizeBytes).toBe(300);
  });

  it('does not keep a PDF larger than the whole bound in memory', async () => {
    const cache = new PdfCache({ maxBytes: 50 });
    await cache.set('big', pdf(100));
    expect(cache.sizeBytes).toBe(0);
    expect(await cache.get('big')).toBeUndefined();
  });

  it('finds PDFs written by an earlier process on disk', async () => {
    await new PdfCache({ maxBytes: 1000, directory }).set('version-1', pdf(10, 7));
    const restarted = new PdfCache({ maxBytes: 1000, directory });
    expect(await restarted.get('version-1')).toEqual(pdf(10, 7));
    expect(readdirSync(directory)).toEqual(['version-1.pdf']);
  });

  it('deletes the oldest files beyond its disk bound', async () => {
    const cache = new PdfCache({ maxBytes: 1000, directory, maxDiskBytes: 250 });
    for (const key of ['one', 'two', 'three']) await cache.set(key, pdf(100));
    expect(existsSync(join(directory, 'one.pdf'))).toBe(false);
    expect(readdirSync(directory).sort()).toEqual(['three.pdf', 'two.pdf']);
  });

  it('refuses keys that could name another file', async () => {
    const cache = new PdfCache({ maxBytes: 1000, directory });
    await expect(cache.set('../escape', pdf(1))).rejects.toThrow(/unsafe/);
  });
});
