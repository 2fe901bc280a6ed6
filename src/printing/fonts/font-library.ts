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
  syntheticBold: boolean;
  format: 'opentype' | 'truetype';
  codePoints: ReadonlySet<number>;
  /** Extracted on first use: most documents never need the fallback faces. */
  data(): Buffer;
}

/** Which face draws which characters of a text, and what no face can draw. */
export interface FaceAssignment {
  byFace: Array<{ face: LoadedFace; characters: string }>;
  uncovered: string[];
}

/**
 * The fonts, parsed once and kept in memory. Files are read on first use (lazily, since a
 * collection is ~20 MB); faces of a collection are split out of it only when needed.
 */
export class FontLibrary {
  private readonly files = new Map<string, Promise<Buffer | undefined>>();
  private chains?: Promise<Record<FontWeight, LoadedFace[]>>;

  constructor(private readonly chain: FaceChain) {}

  faces(weight: FontWeight): Promise<LoadedFace[]> {
    this.chains ??= Promise.all([this.loadChain(this.chain.regular), this.loadChain(this.chain.bold)]).then(
      ([regular, bold]) => ({ regular, bold }),
    );
    return this.chains.then((chains) => chains[weight]);
  }

  /** Each distinct character goes to the first face in the chain that maps it. */
  async assign(text: string, weight: FontWeight): Promise<FaceAssignment> {
    const faces = await this.faces(weight);
    const perFace = faces.map(() => new Set<string>());
    const uncovered: string[] = [];
    for (const character of new Set(text)) {
      const codePoint = character.codePointAt(0) as number;
      if (codePoint < 0x20 || isFormatCharacter(codePoint)) continue;
      const index = faces.findIndex((face) => face.codePoints.has(codePoint));
      if (index < 0) uncovered.push(character);
      else perFace[index].add(character);
    }
    const byFace = faces
      .map((face, index) => ({ face, characters: [...perFace[index]].join('') }))
      .filter((entry) => entry.characters.length > 0);
    return { byFace, uncovered };
  }

  private async loadChain(specs: FaceSpec[]): Promise<LoadedFace[]> {
    const faces = await Promise.all(specs.map((spec) => this.loadFace(spec)));
    return faces.filter((face): face is LoadedFace => face !== undefined);
  }

  /** A missing file leaves its face out of the chain (the next face takes over); a broken one fails. */
  private async loadFace(spec: FaceSpec): Promise<LoadedFace | undefined> {
    const file = await this.readOnce(spec.file);
    if (!file) return undefined;
    const key = spec.family ? `${spec.file}#${spec.family}` : spec.file;
    const named = {
      key,
      label: spec.family ?? basename(spec.file, extname(spec.file)),
      syntheticBold: spec.syntheticBold === true,
    };
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
