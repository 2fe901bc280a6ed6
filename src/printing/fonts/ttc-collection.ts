import { type TableDirectory, readFamilyName, readTableDirectory } from './sfnt-tables';

/** One face of a TrueType/OpenType collection (.ttc), as found in its header. */
export interface CollectionFace {
  index: number;
  family: string | undefined;
  directory: TableDirectory;
}

const TTC_SIGNATURE = 0x74746366; // 'ttcf'

export function isCollection(file: Buffer): boolean {
  return file.length >= 12 && file.readUInt32BE(0) === TTC_SIGNATURE;
}

/** The faces listed by a TTC header: each is an ordinary table directory at its own offset. */
export function listCollectionFaces(file: Buffer): CollectionFace[] {
  if (!isCollection(file)) throw new Error('not a font collection (no ttcf signature)');
  const count = file.readUInt32BE(8);
  const faces: CollectionFace[] = [];
  for (let index = 0; index < count; index++) {
    const directory = readTableDirectory(file, file.readUInt32BE(12 + index * 4));
    faces.push({ index, family: readFamilyName(file, directory), directory });
  }
  return faces;
}

/**
 * Copies one face's tables into a standalone OpenType file (the subsetter then holds one face, not
 * the whole "ttcf" collection). Table offsets in a TTC count from the start of the collection; here
 * they are rewritten to the new file, each table 4-byte aligned, and head.checkSumAdjustment
 * recomputed.
 */
export function extractFace(file: Buffer, face: CollectionFace): Buffer {
  const tables = [...face.directory.tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const headerLength = 12 + tables.length * 16;
  const padded = (length: number) => (length + 3) & ~3;
  const total = tables.reduce((sum, table) => sum + padded(table.length), headerLength);
  const out = Buffer.alloc(total);

  const entrySelector = Math.floor(Math.log2(tables.length));
  const searchRange = 2 ** entrySelector * 16;
  out.writeUInt32BE(face.directory.sfntVersion, 0);
  out.writeUInt16BE(tables.length, 4);
  out.writeUInt16BE(searchRange, 6);
  out.writeUInt16BE(entrySelector, 8);
  out.writeUInt16BE(tables.length * 16 - searchRange, 10);

  // A table's checksum does not depend on where it lies, so the collection's recorded checksums
  // stay valid (head's is defined with checkSumAdjustment at 0). The file's checksum is then the
  // header's words plus the tables' checksums: no pass over the 16 MB of glyph data.
  let offset = headerLength;
  let headOffset: number | undefined;
  let fileSum = 0;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    file.copy(out, offset, table.offset, table.offset + table.length);
    if (table.tag === 'head') {
      headOffset = offset;
      out.writeUInt32BE(0, offset + 8);
    }
    out.write(table.tag, record, 'latin1');
    out.writeUInt32BE(table.checksum, record + 4);
    out.writeUInt32BE(offset, record + 8);
    out.writeUInt32BE(table.length, record + 12);
    fileSum = (fileSum + table.checksum) >>> 0;
    offset += padded(table.length);
  });
  fileSum = (fileSum + checksum(out, 0, headerLength)) >>> 0;
  if (headOffset !== undefined) out.writeUInt32BE((0xb1b0afba - fileSum) >>> 0, headOffset + 8);
  return out;
}

/** OpenType table checksum: the sum of big-endian uint32 words, zero-padded. */
function checksum(buffer: Buffer, from: number, length: number): number {
  let sum = 0;
  const end = from + ((length + 3) & ~3);
  for (let at = from; at < end; at += 4) {
    sum = (sum + (at + 4 <= buffer.length ? buffer.readUInt32BE(at) : 0)) >>> 0;
  }
  return sum;
}
