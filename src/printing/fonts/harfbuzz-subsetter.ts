import { readFile } from 'node:fs/promises';
import type { LoadedFace } from './font-library';

/** Node's WebAssembly global: @types/node 20 types it only through the DOM library, which the build leaves out. */
declare const WebAssembly: {
  compile(wasm: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: object): Promise<{ exports: object }>;
};
type WasmModule = { readonly kind: 'wasm-module' };

/** The calls of harfbuzzjs's subsetting build (dist/harfbuzz-subset.wasm) used here; pointers are numbers. */
interface HarfBuzz {
  memory: { readonly buffer: ArrayBuffer };
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, set: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_preprocess(face: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;

/** A face parsed once inside its own HarfBuzz instance. */
interface ResidentFace {
  harfbuzz: HarfBuzz;
  face: number;
}

/**
 * Font subsets made by HarfBuzz (harfbuzzjs's wasm build), called directly so that the faces that
 * draw nearly everything stay loaded and preprocessed (hb_subset_preprocess, ~0.5 s once) between
 * documents: a document's subset of the 16 MB Noto face then costs ~5 ms of CPU, against ~18 ms
 * from a kept but unprocessed face and more again when the face is copied in and parsed per call
 * (what `subset-font` did). The build's memory is fixed at 64 MiB and cannot grow, so each kept
 * face has an instance of its own; a rarely used fallback face gets a fresh instance per subset (a
 * shared one fragments: after a 16 MB face, the 50 MB BabelStone Han no longer fits). Subsets keep
 * only the characters' glyphs: no layout closure and no OpenType features (horizontal Chinese
 * needs none of them; Latin loses only kerning).
 */
export class HarfBuzzSubsetter {
  private module?: Promise<WasmModule>;
  private readonly resident = new Map<string, Promise<ResidentFace>>();

  async subset(face: LoadedFace, characters: string): Promise<Buffer> {
    if (!face.primary) {
      const harfbuzz = await this.instantiate();
      return withFace(harfbuzz, face, (faceHandle) => subsetFace(harfbuzz, faceHandle, face, characters));
    }
    let kept = this.resident.get(face.key);
    if (!kept) {
      kept = this.load(face);
      this.resident.set(face.key, kept);
      kept.catch(() => this.resident.delete(face.key));
    }
    const { harfbuzz, face: faceHandle } = await kept;
    return subsetFace(harfbuzz, faceHandle, face, characters);
  }

  /** Copies the face into a new instance for good and builds its subsetting tables (~0.5 s, once). */
  private async load(face: LoadedFace): Promise<ResidentFace> {
    const harfbuzz = await this.instantiate();
    const data = face.data();
    const pointer = copyIn(harfbuzz, data, face);
    const blob = harfbuzz.hb_blob_create(pointer, data.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
    const parsed = harfbuzz.hb_face_create(blob, 0);
    harfbuzz.hb_blob_destroy(blob);
    const preprocessed = harfbuzz.hb_subset_preprocess(parsed);
    harfbuzz.hb_face_destroy(parsed);
    return { harfbuzz, face: preprocessed };
  }

  private async instantiate(): Promise<HarfBuzz> {
    this.module ??= readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')).then((wasm) =>
      WebAssembly.compile(wasm),
    );
    const instance = await WebAssembly.instantiate(await this.module, {});
    const harfbuzz = instance.exports as unknown as HarfBuzz;
    harfbuzz._initialize();
    return harfbuzz;
  }
}

/** Loads a face for one subset and frees it afterwards. */
function withFace(harfbuzz: HarfBuzz, face: LoadedFace, work: (faceHandle: number) => Buffer): Buffer {
  const data = face.data();
  const pointer = copyIn(harfbuzz, data, face);
  const blob = harfbuzz.hb_blob_create(pointer, data.length, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const faceHandle = harfbuzz.hb_face_create(blob, 0);
  harfbuzz.hb_blob_destroy(blob);
  try {
    return work(faceHandle);
  } finally {
    harfbuzz.hb_face_destroy(faceHandle);
    harfbuzz.free(pointer);
  }
}

function copyIn(harfbuzz: HarfBuzz, data: Buffer, face: LoadedFace): number {
  const pointer = harfbuzz.malloc(data.length);
  if (pointer === 0) throw new Error(`HarfBuzz has no room for font ${face.key} (${data.length} bytes)`);
  new Uint8Array(harfbuzz.memory.buffer).set(data, pointer);
  return pointer;
}

function subsetFace(harfbuzz: HarfBuzz, faceHandle: number, face: LoadedFace, characters: string): Buffer {
  const input = harfbuzz.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('HarfBuzz could not create a subset input');
  let subset: number;
  try {
    harfbuzz.hb_set_clear(harfbuzz.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG));
    const flags = harfbuzz.hb_subset_input_get_flags(input);
    harfbuzz.hb_subset_input_set_flags(input, flags | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
    const unicodes = harfbuzz.hb_subset_input_unicode_set(input);
    for (const character of characters) harfbuzz.hb_set_add(unicodes, character.codePointAt(0) as number);
    subset = harfbuzz.hb_subset_or_fail(faceHandle, input);
  } finally {
    harfbuzz.hb_subset_input_destroy(input);
  }
  if (subset === 0) throw new Error(`HarfBuzz could not subset font ${face.key}`);
  const blob = harfbuzz.hb_face_reference_blob(subset);
  try {
    const length = harfbuzz.hb_blob_get_length(blob);
    if (length === 0) throw new Error(`HarfBuzz made an empty subset of font ${face.key}`);
    const offset = harfbuzz.hb_blob_get_data(blob, 0);
    // A copy: the view into wasm memory is reused by the next subset.
    return Buffer.from(new Uint8Array(harfbuzz.memory.buffer, offset, length));
  } finally {
    harfbuzz.hb_blob_destroy(blob);
    harfbuzz.hb_face_destroy(subset);
  }
}
