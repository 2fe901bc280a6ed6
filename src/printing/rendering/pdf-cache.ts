import { mkdir, readFile, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PdfCacheOptions {
  /** Memory bound: least recently used PDFs are dropped beyond it. */
  maxBytes: number;
  /** Optional second level on disk (DATA_DIR/pdf-cache), kept across restarts. */
  directory?: string;
  /** Disk bound: the oldest files are deleted beyond it. */
  maxDiskBytes?: number;
}

/**
 * Rendered PDFs by document version. A version is a hash of the document's data and template,
 * so an entry never goes stale: a change makes a new key, and old keys simply age out.
 */
export class PdfCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;
  /** Files on disk, oldest first, with their sizes; read from the directory on first use. */
  private disk?: Promise<Map<string, number>>;

  constructor(private readonly options: PdfCacheOptions) {}

  get sizeBytes(): number {
    return this.bytes;
  }

  async get(key: string): Promise<Buffer | undefined> {
    const inMemory = this.entries.get(key);
    if (inMemory) {
      this.entries.delete(key);
      this.entries.set(key, inMemory); // most recently used goes last
      return inMemory;
    }
    if (!this.options.directory) return undefined;
    const onDisk = await readFile(this.fileOf(key)).catch(() => undefined);
    if (onDisk) this.remember(key, onDisk);
    return onDisk;
  }

  async set(key: string, pdf: Buffer): Promise<void> {
    this.remember(key, pdf);
    if (!this.options.directory) return;
    // Written aside then renamed, so a reader never sees half a file.
    const disk = await this.diskIndex();
    const temporary = `${this.fileOf(key)}.${process.pid}.tmp`;
    await writeFile(temporary, pdf);
    await rename(temporary, this.fileOf(key));
    disk.delete(key);
    disk.set(key, pdf.length);
    await this.trimDisk(disk);
  }

  private remember(key: string, pdf: Buffer): void {
    if (pdf.length > this.options.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.length;
      this.entries.delete(key);
    }
    this.entries.set(key, pdf);
    this.bytes += pdf.length;
    for (const [oldest, buffer] of this.entries) {
      if (this.bytes <= this.options.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= buffer.length;
    }
  }

  private diskIndex(): Promise<Map<string, number>> {
    this.disk ??= (async () => {
      const directory = this.options.directory as string;
      await mkdir(directory, { recursive: true });
      const files = (await readdir(directory)).filter((name) => name.endsWith('.pdf'));
      const found = await Promise.all(
        files.map(async (name) => ({ key: name.slice(0, -4), info: await stat(join(directory, name)) })),
      );
      found.sort((a, b) => a.info.mtimeMs - b.info.mtimeMs);
      return new Map(found.map(({ key, info }) => [key, info.size]));
    })();
    return this.disk;
  }

  private async trimDisk(disk: Map<string, number>): Promise<void> {
    const limit = this.options.maxDiskBytes ?? 512 * 1024 * 1024;
    let total = [...disk.values()].reduce((sum, size) => sum + size, 0);
    for (const [oldest, size] of disk) {
      if (total <= limit) break;
      disk.delete(oldest);
      total -= size;
      await unlink(this.fileOf(oldest)).catch(() => undefined);
    }
  }

  private fileOf(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`unsafe PDF cache key: ${key}`);
    return join(this.options.directory as string, `${key}.pdf`);
  }
}
