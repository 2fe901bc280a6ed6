import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PdfCacheOptions {
  /** Memory bound: least recently used PDFs are dropped beyond it. */
  maxBytes: number;
  /** Optional second level on disk (DATA_DIR/pdf-cache), kept across restarts. */
  directory?: string;
}

/**
 * Rendered PDFs by document version. A version is a hash of the document's data and template,
 * so an entry never goes stale: a change makes a new key, and old keys simply age out.
 */
export class PdfCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

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
    await mkdir(this.options.directory, { recursive: true });
    const temporary = `${this.fileOf(key)}.${process.pid}.tmp`;
    await writeFile(temporary, pdf);
    await rename(temporary, this.fileOf(key));
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

  private fileOf(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error(`unsafe PDF cache key: ${key}`);
    return join(this.options.directory as string, `${key}.pdf`);
  }
}
