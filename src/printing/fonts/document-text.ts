/**
 * The elements the print and preview styles set in bold (print.css: h1, h2, th, strong,
 * .ticket-number; screen.css: the toolbar's h1). Only their text needs bold glyphs; a style that
 * makes anything else bold must be added here too, or that text would fall back to another font.
 */
const BOLD_ELEMENTS = /<(h1|h2|h3|th|strong|b)\b[^>]*>([\s\S]*?)<\/\1>/g;
const BOLD_CLASSES = /<(\w+)\b[^>]*\bclass="[^"]*\bticket-number\b[^"]*"[^>]*>([\s\S]*?)<\/\1>/g;

/** The characters a document draws, per weight. ASCII is left out: it is always embedded. */
export interface DocumentText {
  regular: string;
  bold: string;
}

export function documentText(html: string): DocumentText {
  const bold: string[] = [];
  for (const pattern of [BOLD_ELEMENTS, BOLD_CLASSES]) {
    for (const match of html.matchAll(pattern)) bold.push(match[2]);
  }
  return { regular: nonAscii(html), bold: nonAscii(bold.join('')) };
}

/** Only characters that need CJK glyphs; markup, CSS and data URLs are ASCII. */
function nonAscii(text: string): string {
  return [...new Set(text.match(/[\u0080-\u{10ffff}]/gu) ?? [])].join('');
}
