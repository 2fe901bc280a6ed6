import { createHash } from 'node:crypto';
import type { FontWeight } from './font-faces.config';
import type { FontLibrary, LoadedFace } from './font-library';
import type { DocumentText } from './document-text';
import { HarfBuzzSubsetter } from './harfbuzz-subsetter';

/** One embedded subset: what the page declares with @font-face. */
export interface EmbeddedFont {
  family: string;
  weight: FontWeight;
  format: LoadedFace['format'];
  characters: string;
  data: Buffer;
}

export interface DocumentFonts {
  fonts: EmbeddedFont[];
  /** @font-face rules, and the font-family list that puts them in fallback order. */
  css: string;
  fontFamily: string;
  /** Characters that no face can draw (they would print as boxes). */
  uncovered: string[];
}

const WEIGHTS: Record<FontWeight, number> = { regular: 400, bold: 700 };
/** Printable ASCII is always embedded: entities such as &amp; decode to it, and it costs little. */
const ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');

/**
 * Embeds, per document, subsets holding only the glyphs its text uses — regular for all of it,
 * bold for its bold text — as TrueType/OpenType data URLs (WOFF2 compression costs far more than
 * it saves in a local render). The browser's cost of page.pdf() grows with the size of the fonts
 * embedded; this keeps it small. Subsets are kept by character set, so a subset of the common text
 * (the templates' labels, identical in every document) is made once; measured with the 报名表,
 * that split cut the browser's and Node's CPU per document by ~10%.
 */
export class DocumentFontBuilder {
  private readonly subsets = new Map<string, Promise<Buffer>>();
  private readonly subsetter = new HarfBuzzSubsetter();
  private readonly common: ReadonlySet<string>;

  /**
   * @param commonText what (nearly) every document prints, e.g. the templates' labels: a primary
   *   face draws it from one subset made once and identical in every document, so a document's
   *   own subset holds only the rest (the candidate's data), and the browser parses less.
   */
  constructor(
    readonly library: FontLibrary,
    commonText = '',
    private readonly cachedSubsets = 64,
  ) {
    this.common = new Set(commonText ? ASCII + commonText : '');
  }

  async build(text: DocumentText): Promise<DocumentFonts> {
    const fonts: EmbeddedFont[] = [];
    const uncovered = new Set<string>();
    const families: string[] = [];
    const use = (family: string) => families.includes(family) || families.push(family);
    for (const weight of ['regular', 'bold'] as const) {
      const assignment = await this.library.assign(ASCII + text[weight], weight);
      assignment.uncovered.forEach((character) => uncovered.add(character));
      for (const { face, characters, syntheticBold } of assignment.byFace) {
        const family = familyName(face.label);
        use(family);
        if (weight === 'bold' && syntheticBold) continue;
        const parts = face.primary && this.common.size > 0 ? this.split(face, characters) : [{ family, characters }];
        for (const part of parts) {
          use(part.family);
          const data = await this.subset(face, part.characters);
          fonts.push({ family: part.family, weight, format: face.format, characters: part.characters, data });
        }
      }
    }
    return {
      fonts,
      css: fonts.map(fontFaceRule).join('\n'),
      fontFamily: families.map((family) => `'${family}'`).join(', '),
      uncovered: [...uncovered],
    };
  }

  /** The common text this face maps (the same subset in every document), then the document's own characters. */
  private split(face: LoadedFace, characters: string): Array<{ family: string; characters: string }> {
    const family = familyName(face.label);
    const common = [...this.common].filter((character) => face.codePoints.has(character.codePointAt(0) as number));
    const own = [...characters].filter((character) => !this.common.has(character));
    const parts = common.length > 0 ? [{ family, characters: common.join('') }] : [];
    if (own.length > 0) parts.push({ family: `${family}-own`, characters: own.join('') });
    return parts;
  }

  private subset(face: LoadedFace, characters: string): Promise<Buffer> {
    const key = createHash('sha256')
      .update(face.key)
      .update('\0')
      .update([...characters].sort().join(''))
      .digest('hex');
    let subset = this.subsets.get(key);
    if (subset) {
      this.subsets.delete(key);
    } else {
      subset = this.subsetter.subset(face, characters);
      subset.catch(() => this.subsets.delete(key));
    }
    this.subsets.set(key, subset); // most recently used last
    for (const oldest of this.subsets.keys()) {
      if (this.subsets.size <= this.cachedSubsets) break;
      this.subsets.delete(oldest);
    }
    return subset;
  }
}

function familyName(label: string): string {
  return `doc-${label.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

function fontFaceRule(font: EmbeddedFont): string {
  const mime = font.format === 'opentype' ? 'font/otf' : 'font/ttf';
  return (
    `@font-face{font-family:'${font.family}';font-weight:${WEIGHTS[font.weight]};font-style:normal;` +
    `src:url(data:${mime};base64,${font.data.toString('base64')}) format('${font.format}');}`
  );
}
