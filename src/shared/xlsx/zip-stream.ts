import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The entry's bytes, produced while the archive is written (never held whole). */
  content: () => AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
}

interface Written {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/** Sizes are 32-bit without ZIP64, which these archives do not need (an export is far smaller). */
const ZIP32_LIMIT = 0xffffffff;
/** Bit 3: sizes and CRC follow the data (it is streamed); bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

/**
 * A ZIP archive written as it is read, deflating each entry on the way: the CRC and sizes of an
 * entry follow its data (a data descriptor), and the central directory comes at the end.
 */
export async function* zipStream(entries: ZipEntry[], modified = new Date()): AsyncGenerator<Buffer> {
  const [time, date] = dosDateTime(modified);
  const written: Written[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const header = localHeader(name, time, date);
    yield header;
    const record: Written = { name, offset, crc: 0, compressed: 0, size: 0 };
    offset += header.length;
    const deflater = createDeflateRaw();
    const source = Readable.from(
      (async function* measured() {
        for await (const chunk of entry.content()) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
          record.crc = crc32(bytes, record.crc);
          record.size += bytes.length;
          yield bytes;
        }
      })(),
    );
    // A failure of the content destroys the deflater, which ends the loop below with it; the
    // pipeline's own rejection is kept for after the loop so that it is never left unhandled.
    const piped = pipeline(source, deflater).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    for await (const chunk of deflater as AsyncIterable<Buffer>) {
      record.compressed += chunk.length;
      yield chunk;
    }
    const failed = await piped;
    if (failed) throw failed.error;
    if (record.size > ZIP32_LIMIT || offset + record.compressed > ZIP32_LIMIT)
      throw new Error(`zip entry ${entry.name} is past 4 GiB`);
    const descriptor = dataDescriptor(record);
    yield descriptor;
    offset += record.compressed + descriptor.length;
    written.push(record);
  }
  const directory = Buffer.concat(written.map((record) => centralHeader(record, time, date)));
  yield directory;
  yield endOfDirectory(written.length, directory.length, offset);
}

function localHeader(name: Buffer, time: number, date: number): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(FLAGS, 6);
  header.writeUInt16LE(DEFLATE, 8);
  header.writeUInt16LE(time, 10);
  header.writeUInt16LE(date, 12);
  // CRC and sizes (14–25) stay zero: the data descriptor carries them.
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name]);
}

function dataDescriptor(record: Written): Buffer {
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(record.crc, 4);
  descriptor.writeUInt32LE(record.compressed, 8);
  descriptor.writeUInt32LE(record.size, 12);
  return descriptor;
}

function centralHeader(record: Written, time: number, date: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(VERSION, 4);
  header.writeUInt16LE(VERSION, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt16LE(time, 12);
  header.writeUInt16LE(date, 14);
  header.writeUInt32LE(record.crc, 16);
  header.writeUInt32LE(record.compressed, 20);
  header.writeUInt32LE(record.size, 24);
  header.writeUInt16LE(record.name.length, 28);
  header.writeUInt32LE(record.offset, 42);
  return Buffer.concat([header, record.name]);
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** MS-DOS time and date fields (local time of the archive, 2-second resolution, from 1980). */
function dosDateTime(at: Date): [number, number] {
  const year = Math.max(at.getFullYear(), 1980);
  const time = (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2);
  const date = ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate();
  return [time, date];
}
