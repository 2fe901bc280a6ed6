/** A face to draw text with: a plain font file, or one face of a collection picked by family. */
export interface FaceSpec {
  file: string;
  /** For a .ttc: the family of the face to use, e.g. "Noto Sans CJK SC". */
  family?: string;
  /** The face has no real bold: the browser emboldens its regular glyphs instead. */
  syntheticBold?: boolean;
}

export type FontWeight = 'regular' | 'bold';

/** Faces per weight, in fallback order: each character is drawn by the first face that has it. */
export type FaceChain = Record<FontWeight, FaceSpec[]>;

const NOTO = '/usr/share/fonts/opentype/noto';
const SANS_FAMILIES = ['SC', 'TC', 'HK', 'JP', 'KR'].map((region) => `Noto Sans CJK ${region}`);
/** CJK extensions B–H that Noto lacks (生僻字 in names); Debian's fonts-babelstone-han. */
const BABELSTONE_HAN = '/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf';

/**
 * Simplified Chinese first (the document's language), then the other regions of the same
 * collection, which map a few more code points, then BabelStone Han for what is left.
 */
export const DEFAULT_FACE_CHAIN: FaceChain = {
  regular: [
    ...SANS_FAMILIES.map((family) => ({ file: `${NOTO}/NotoSansCJK-Regular.ttc`, family })),
    { file: BABELSTONE_HAN },
  ],
  bold: [
    ...SANS_FAMILIES.map((family) => ({ file: `${NOTO}/NotoSansCJK-Bold.ttc`, family })),
    { file: BABELSTONE_HAN, syntheticBold: true },
  ],
};
