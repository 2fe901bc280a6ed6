/**
 * Minimal reading of OpenType ("sfnt") structures: the table directory, the name table's family
 * and the cmap's code points. Enough to split a TTC collection and to know which face has which
 * character; glyph data itself is never parsed here.
 */
export interface TableRecord {
  tag: string;
  checksum: number;
  offset: number;
  length: number;
}

export interface TableDirectory {
  sfntVersion: number;
  tables: TableRecord[];
}

/** Reads the table directory found at `at` (0 for a plain font, a TTC's face offset otherwise). */
export function readTableDirectory(font: Buffer, at = 0): TableDirectory {
  const sfntVersion = font.readUInt32BE(at);
  const numTables = font.readUInt16BE(at + 4);
  const tables: TableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const record = at + 12 + i * 16;
    tables.push({
      tag: font.toString('latin1', record, record + 4),
      checksum: font.readUInt32BE(record + 4),
      offset: font.readUInt32BE(record + 8),
      length: font.readUInt32BE(record + 12),
    });
  }
  return { sfntVersion, tables };
}

export function findTable(directory: TableDirectory, tag: string): TableRecord | undefined {
  return directory.tables.find((table) => table.tag === tag);
}

/** The family name (nameID 1, or the typographic family 16 when present), from Windows Unicode records. */
export function readFamilyName(font: Buffer, directory: TableDirectory): string | undefined {
  const name = findTable(directory, 'name');
  if (!name) return undefined;
  const count = font.readUInt16BE(name.offset + 2);
  const storage = name.offset + font.readUInt16BE(name.offset + 4);
  const found = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const record = name.offset + 6 + i * 12;
    const [platformId, , languageId, nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((field) =>
      font.readUInt16BE(record + field),
    );
    if (platformId !== 3 || languageId !== 0x409 || (nameId !== 1 && nameId !== 16)) continue;
    found.set(nameId, utf16be(font.subarray(storage + offset, storage + offset + length)));
  }
  return found.get(16) ?? found.get(1);
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes);
  swapped.swap16();
  return swapped.toString('utf16le');
}

/**
 * Every code point the font maps to a glyph, from its best Unicode cmap subtable:
 * format 12 (full Unicode, needed for 𠮷 and other supplementary-plane characters) or format 4 (BMP).
 */
export function readCodePoints(font: Buffer, directory: TableDirectory): Set<number> {
  const cmap = findTable(directory, 'cmap');
  const codePoints = new Set<number>();
  if (!cmap) return codePoints;
  const subtables = font.readUInt16BE(cmap.offset + 2);
  let format4: number | undefined;
  let format12: number | undefined;
  for (let i = 0; i < subtables; i++) {
    const record = cmap.offset + 4 + i * 8;
    const platformId = font.readUInt16BE(record);
    const encodingId = font.readUInt16BE(record + 2);
    const at = cmap.offset + font.readUInt32BE(record + 4);
    const format = font.readUInt16BE(at);
    const unicode = platformId === 0 || (platformId === 3 && (encodingId === 1 || encodingId === 10));
    if (!unicode) continue;
    if (format === 12) format12 ??= at;
    if (format === 4) format4 ??= at;
  }
  if (format12 !== undefined) readFormat12(font, format12, codePoints);
  else if (format4 !== undefined) readFormat4(font, format4, codePoints);
  return codePoints;
}

function readFormat12(font: Buffer, at: number, into: Set<number>): void {
  const groups = font.readUInt32BE(at + 12);
  for (let i = 0; i < groups; i++) {
    const group = at + 16 + i * 12;
    const start = font.readUInt32BE(group);
    const end = font.readUInt32BE(group + 4);
    const startGlyph = font.readUInt32BE(group + 8);
    for (let codePoint = start; codePoint <= end; codePoint++) {
      if (startGlyph + (codePoint - start) !== 0) into.add(codePoint);
    }
  }
}

function readFormat4(font: Buffer, at: number, into: Set<number>): void {
  const segments = font.readUInt16BE(at + 6) / 2;
  const endCodes = at + 14;
  const startCodes = endCodes + segments * 2 + 2;
  const deltas = startCodes + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const end = font.readUInt16BE(endCodes + s * 2);
    const start = font.readUInt16BE(startCodes + s * 2);
    const delta = font.readInt16BE(deltas + s * 2);
    const rangeOffsetAt = rangeOffsets + s * 2;
    const rangeOffset = font.readUInt16BE(rangeOffsetAt);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (codePoint + delta) & 0xffff;
      else {
        const raw = font.readUInt16BE(rangeOffsetAt + rangeOffset + (codePoint - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) into.add(codePoint);
    }
  }
}
