import { readFileSync } from 'node:fs';
import { readCodePoints, readFamilyName, readTableDirectory } from './sfnt-tables';
import { extractFace, isCollection, listCollectionFaces } from './ttc-collection';

const REGULAR_TTC = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

describe('a TrueType collection split into standalone faces', () => {
  const collection = readFileSync(REGULAR_TTC);
  const faces = listCollectionFaces(collection);
  const sc = faces.find((face) => face.family === 'Noto Sans CJK SC');
  if (!sc) throw new Error('Noto Sans CJK SC missing from the collection');
  const standalone = extractFace(collection, sc);

  it('lists the faces of the collection by family', () => {
    expect(isCollection(collection)).toBe(true);
    expect(faces.map((face) => face.family)).toEqual(
      expect.arrayContaining(['Noto Sans CJK SC', 'Noto Sans CJK TC', 'Noto Sans CJK JP']),
    );
  });

  it('extracts a face that is an ordinary OpenType file with the same tables and characters', () => {
    expect(isCollection(standalone)).toBe(false);
    expect(standalone.toString('latin1', 0, 4)).toBe('OTTO');
    const directory = readTableDirectory(standalone);
    expect(directory.tables.map((table) => table.tag).sort()).toEqual(sc.directory.tables.map((t) => t.tag).sort());
    expect(readFamilyName(standalone, directory)).toBe('Noto Sans CJK SC');
    expect(readCodePoints(standalone, directory)).toEqual(readCodePoints(collection, sc.directory));
  });

  it('rewrites table checksums and the whole-file checksum adjustment', () => {
    const directory = readTableDirectory(standalone);
    for (const table of directory.tables) {
      const copy = Buffer.from(standalone.subarray(table.offset, table.offset + ((table.length + 3) & ~3)));
      if (table.tag === 'head') copy.writeUInt32BE(0, 8);
      expect(sum(copy)).toBe(table.checksum);
    }
    expect(sum(standalone)).toBe(0xb1b0afba);
  });

  it('refuses a file that is not a collection', () => {
    expect(() => listCollectionFaces(standalone)).toThrow(/ttcf/);
  });
});

function sum(buffer: Buffer): number {
  let total = 0;
  for (let at = 0; at + 4 <= buffer.length; at += 4) total = (total + buffer.readUInt32BE(at)) >>> 0;
  return total;
}
