import { spawnSync } from 'node:child_process';

/** What pdfjs-dist reads back from a PDF: the text of each page and the fonts it embeds. */
export interface PdfContents {
  pages: string[];
  fonts: Array<{ name: string; embedded: boolean }>;
}

// pdfjs-dist is an ES module, which Jest's CommonJS runtime cannot load: read the PDF in a child node.
const EXTRACT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0, fontExtraProperties: true }).promise;
const pages = [];
const fonts = new Map();
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str).join(''));
  await page.getOperatorList();
  for (const [, font] of page.commonObjs) {
    if (font && typeof font === 'object' && 'loadedName' in font) fonts.set(font.name, !font.missingFile);
  }
}
process.stdout.write(JSON.stringify({ pages, fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })) }));
`;

export function readPdf(pdf: Buffer): PdfContents {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', EXTRACT], {
    input: pdf,
    cwd: __dirname,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`pdfjs-dist could not read the PDF: ${result.stderr.toString()}`);
  return JSON.parse(result.stdout.toString()) as PdfContents;
}
