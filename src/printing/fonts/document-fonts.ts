import subsetFont from 'subset-font';
import type { FontWeight } from './font-faces.config';
import type { FontLibrary, LoadedFace } from './font-library';

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
 * Shaping features horizontal Chinese and Latin text use. Without a layout closure the subset keeps
 * only the glyphs of the characters, not every alternate a feature could reach (vertical forms,
 * other regions' shapes): ~20 ms a subset instead of ~60 ms.
 */
const KEEP_FEATURES = ['ccmp', 'kern', 'liga'];

/**
 * Embeds, per document, subsets holding only the glyphs its text uses, regular and bold, as
 * TrueType/OpenType data URLs (WOFF2 compression costs far more than it saves in a local render).
 * The browser's cost of page.pdf() grows with the size of the fonts embedded; this keeps it small.
 */
export async function buildDocumentFonts(library: FontLibrary, text: string): Promise<DocumentFonts> {
  const all = ASCII + text;
  const fonts: EmbeddedFont[] = [];
  const uncovered = new Set<string>();
  const labels: string[] = [];
  for (const weight of ['regular', 'bold'] as const) {
    const assignment = await library.assign(all, weight);
    assignment.uncovered.forEach((character) => uncovered.add(character));
    for (const { face, characters } of assignment.byFace) {
      if (!labels.includes(face.label)) labels.push(face.label);
      if (weight === 'bold' && face.syntheticBold) continue;
      const data = await subsetFont(face.data(), characters, {
        targetFormat: 'sfnt',
        noLayoutClosure: true,
        keepFeatures: KEEP_FEATURES,
      });
      fonts.push({ family: familyName(face.label), weight, format: face.format, characters, data });
    }
  }
  return {
    fonts,
    css: fonts.map(fontFaceRule).join('\n'),
    fontFamily: labels.map((label) => `'${familyName(label)}'`).join(', '),
    uncovered: [...uncovered],
  };
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
