import { crc32, inflateRawSync } from 'node:zlib';

/**
 * The entries of a ZIP archive by name, read through its central directory as unzip tools do,
 * each inflated and checked against its CRC (a reader for tests: no ZIP64, no encryption).
 */
export function readZip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  if (at + archive.readUInt32LE(end + 12) !== end) throw new Error('central directory not where the end says');
  const entries = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`central header ${n} missing`);
    const method = archive.readUInt16LE(at + 10);
    const crc = archive.readUInt32LE(at + 16);
    const compressed = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30);
    const comment = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const flags = archive.readUInt16LE(at + 8);
    // The local header must agree with the central one, as readers that stream the archive see only it.
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`local header of ${name} missing`);
    const localNameLength = archive.readUInt16LE(local + 26);
    const localName = archive.subarray(local + 30, local + 30 + localNameLength).toString('utf8');
    if (archive.readUInt16LE(local + 6) !== flags || archive.readUInt16LE(local + 8) !== method || localName !== name)
      throw new Error(`${name}: local header disagrees with the central directory`);
    const dataAt = local + 30 + localNameLength + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataAt, dataAt + compressed);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    if (data.length !== size || crc32(data) !== crc) throw new Error(`${name}: size or CRC does not match`);
    // Bit 3: the CRC and sizes follow the data, signed, and must be those of the central directory.
    if (flags & 0x08) {
      const descriptor = dataAt + compressed;
      const fields = [0, 4, 8, 12].map((offset) => archive.readUInt32LE(descriptor + offset));
      if (fields.join() !== [0x08074b50, crc, compressed, size].join())
        throw new Error(`${name}: data descriptor disagrees with the central directory`);
    }
    entries.set(name, data);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
