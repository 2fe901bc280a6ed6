// The in-page functions below run in Chromium and use DOM types (a lib reference applies to the whole program;
// the type-check program has it already through test/e2e/support/dom.d.ts).
/// <reference lib="dom" />
import { createHash } from 'node:crypto';
import type { Page } from 'puppeteer';
import type { EmbeddedFont } from '../fonts/document-fonts';

const WEIGHTS = { regular: '400', bold: '700' } as const;

/** The fonts a pooled page holds, by slot (family and weight): the key of the face in it. */
const loadedFonts = new WeakMap<Page, Map<string, string>>();

/**
 * Prints a document in a page that stays loaded between documents: the fonts enter through the
 * FontFace API and stay while the next document uses the same subset (the templates' text, the
 * same in every document), and only the document itself is swapped in. Measured with the 报名表:
 * loading the page afresh each time (setContent with @font-face data URLs) cost ~40 ms more for a
 * CJK document and ~13 ms more for a Latin one, mostly decoding and parsing the same fonts again.
 * A slot's previous face (another document's own characters) is removed before its new one is
 * added, so a document never draws with another's subset.
 */
export async function printInWarmPage(
  page: Page,
  fonts: EmbeddedFont[],
  html: string,
  timeoutMs: number,
): Promise<Buffer> {
  let loaded = loadedFonts.get(page);
  if (!loaded) {
    await page.setContent('<!doctype html><html><head></head><body></body></html>', { timeout: timeoutMs });
    await page.evaluate(removeAllFaces); // setContent may keep the document, and its FontFaceSet
    loaded = new Map();
    loadedFonts.set(page, loaded);
  }
  const wanted = new Map(fonts.map((font) => [slotOf(font), font]));
  for (const [slot, key] of [...loaded]) {
    const font = wanted.get(slot);
    if (font && keyOf(font) === key) continue;
    await page.evaluate(removeFace, slot);
    loaded.delete(slot);
  }
  for (const [slot, font] of wanted) {
    if (loaded.has(slot)) continue;
    await page.evaluate(addFace, slot, font.family, WEIGHTS[font.weight], font.data.toString('base64'));
    loaded.set(slot, keyOf(font));
  }
  await page.evaluate(showDocument, html);
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, timeout: timeoutMs });
  return Buffer.from(pdf);
}

/** Forgets what a page holds (after a failure its state is unknown: it is loaded afresh). */
export function forgetWarmPage(page: Page): void {
  loadedFonts.delete(page);
}

const slotOf = (font: EmbeddedFont) => `${font.family}/${font.weight}`;
const keyOf = (font: EmbeddedFont) => createHash('sha256').update(font.data).digest('base64url');

// The functions below run in the page (serialised by puppeteer): they use only their arguments.
async function addFace(slot: string, family: string, weight: string, base64: string): Promise<void> {
  const faces = ((globalThis as unknown as { __faces?: Record<string, FontFace> }).__faces ??= {});
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const face = new FontFace(family, bytes, { weight, style: 'normal' });
  await face.load();
  const set = document.fonts as unknown as Set<FontFace>;
  if (faces[slot]) set.delete(faces[slot]);
  set.add(face);
  faces[slot] = face;
}

function removeFace(slot: string): void {
  const faces = ((globalThis as unknown as { __faces?: Record<string, FontFace> }).__faces ??= {});
  const face = faces[slot];
  if (face) (document.fonts as unknown as Set<FontFace>).delete(face);
  delete faces[slot];
}

function removeAllFaces(): void {
  (document.fonts as unknown as Set<FontFace>).clear();
  (globalThis as unknown as { __faces?: Record<string, FontFace> }).__faces = {};
}

/** Replaces the page's document (attributes such as lang included) and waits for its images and fonts. */
async function showDocument(html: string): Promise<void> {
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const attribute of Array.from(root.attributes)) root.removeAttribute(attribute.name);
  for (const attribute of Array.from(parsed.documentElement.attributes))
    root.setAttribute(attribute.name, attribute.value);
  root.replaceChildren(...Array.from(parsed.documentElement.childNodes).map((node) => document.adoptNode(node)));
  await Promise.all(Array.from(document.images).map((image) => image.decode().catch(() => undefined)));
  await document.fonts.ready;
}
