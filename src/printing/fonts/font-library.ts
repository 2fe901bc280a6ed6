import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { FaceChain, FaceSpec, FontWeight } from './font-faces.config';
import { readCodePoints, readTableDirectory } from './sfnt-tables';
import { extractFace, isCollection, listCollectionFaces } from './ttc-collection';

/** A face ready for subsetting: a standalone OpenType file and the code points it maps. */
export interface LoadedFace {
  key: string;
  /** The same across weights (e.g. "Noto Sans CJK SC"), so CSS pairs a face's regular and bold. */
  label: string;
  format: 'opentype' | 'truetype';
  codePoints: ReadonlySet<number>;
  /** First face of its chain: it draws nearly every character, so it is worth keeping loaded. */
  primary: boolean;
  /** Extracted from its collection on first use. */
  data(): Buffer;
}

/** Which face draws which characters of a text, and what no face can draw. */
export interface FaceAssignment {
  byFace: Array<{
    face: LoadedFace;
    characters: string;
    /** The face has no real bold: the browser emboldens its regular glyphs. */
    syntheticBold: boolean;
  }>;
  uncovered: string[];
}

/**
 * The fonts, parsed once and kept in memory. A face is read only when a text needs it: the first
 * face of a chain (Noto Sans CJK SC) draws nearly everything, so the fallbacks (other regions,
 * BabelStone Han's 50 MB) are loaded only for the rare character SC lacks.
 */
export class FontLibrary {
  private readonly files = new Map<string, Promise<Buffer | undefined>>();
  private readonly loaded = new Map<string, Promise<LoadedFace | undefined>>();

  constructor(private readonly chain: FaceChain) {}

  /** Every face of a weight's chain that exists on this machine (loads them all). */
  async faces(weight: FontWeight): Promise<LoadedFace[]> {
    const faces = await Promise.all(this.chain[weight].map((spec) => this.face(spec)));
    return faces.filter((face): face is LoadedFace => face !== undefined);
  }

  /** Each distinct character goes to the first face in the chain that maps it. */
  async assign(text: string, weight: FontWeight): Promise<FaceAssignment> {
    let remaining = [...new Set(text)].filter((character) => {
      const codePoint = character.codePointAt(0) as number;
      return codePoint >= 0x20 && !isFormatCharacter(codePoint);
    });
    const byFace: FaceAssignment['byFace'] = [];
    for (const spec of this.chain[weight]) {
      if (remaining.length === 0) break;
      const face = await this.face(spec);
      if (!face) continue;
      const drawn = remaining.filter((character) => face.codePoints.has(character.codePointAt(0) as number));
      if (drawn.length > 0)
        byFace.push({ face, characters: drawn.join(''), syntheticBold: spec.syntheticBold === true });
      remaining = remaining.filter((character) => !face.codePoints.has(character.codePointAt(0) as number));
    }
    return { byFace, uncovered: remaining };
  }

  private face(spec: FaceSpec): Promise<LoadedFace | undefined> {
    const key = spec.family ? `${spec.file}#${spec.family}` : spec.file;
    let face = this.loaded.get(key);
    if (!face) {
      face = this.loadFace(spec, key);
      this.loaded.set(key, face);
    }
    return face;
  }

  /** A missing file leaves its face out of the chain (the next face takes over); a broken one fails. */
  private async loadFace(spec: FaceSpec, key: string): Promise<LoadedFace | undefined> {
    const file = await this.readOnce(spec.file);
    if (!file) return undefined;
    const primary = spec === this.chain.regular[0] || spec === this.chain.bold[0];
    const named = { key, label: spec.family ?? basename(spec.file, extname(spec.file)), primary };
    if (!isCollection(file)) {
      const directory = readTableDirectory(file);
      return { ...named, format: formatOf(file), codePoints: readCodePoints(file, directory), data: () => file };
    }
    const face = listCollectionFaces(file).find((candidate) => candidate.family === spec.family);
    if (!face) throw new Error(`font collection ${spec.file} has no face "${spec.family}"`);
    let extracted: Buffer | undefined;
    return {
      ...named,
      format: formatOf(file, face.directory.sfntVersion),
      codePoints: readCodePoints(file, face.directory),
      data: () => (extracted ??= extractFace(file, face)),
    };
  }

  private readOnce(path: string): Promise<Buffer | undefined> {
    let pending = this.files.get(path);
    if (!pending) {
      pending = existsSync(path) ? readFile(path) : Promise.resolve(undefined);
      this.files.set(path, pending);
    }
    return pending;
  }
}

/** 'OTTO' marks CFF outlines (Noto CJK); anything else is TrueType (glyf) outlines. */
function formatOf(file: Buffer, sfntVersion = file.readUInt32BE(0)): LoadedFace['format'] {
  return sfntVersion === 0x4f54544f ? 'opentype' : 'truetype';
}

/** Invisible characters (joiners, variation selectors, BOM) need no glyph of their own. */
function isFormatCharacter(codePoint: number): boolean {
  return (
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef) ||
    codePoint === 0xfeff
  );
}
