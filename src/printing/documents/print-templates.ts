import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatDate, formatDateTime, formatTimeRange } from './print-formatting';

export type PrintTemplateName = 'document' | 'registration-form' | 'admission-ticket' | 'preview' | 'verify';

/**
 * The print templates (templates/print), compiled once. Their combined hash is part of every
 * document's cache key, so a changed template never serves a PDF printed with the old one.
 */
export class PrintTemplates {
  readonly version: string;
  readonly css: string;
  /** Styles of the on-screen pages (preview, verify). */
  readonly screenCss: string;
  /** The templates' own non-ASCII characters (labels, headings), printed in every document. */
  readonly text: string;
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(directory: string) {
    const handlebars = Handlebars.create();
    handlebars.registerHelper('dateTime', (value: unknown) => formatDateTime(value));
    handlebars.registerHelper('date', (value: unknown) => formatDate(value));
    handlebars.registerHelper('timeRange', (start: unknown, end: unknown) => formatTimeRange(start, end));
    handlebars.registerHelper('orDash', (value: unknown) =>
      value === undefined || value === null || value === '' ? '—' : value,
    );
    const hash = createHash('sha256');
    const files = readdirSync(directory).sort();
    const characters = new Set<string>();
    for (const file of files) {
      const source = readFileSync(join(directory, file), 'utf8');
      hash.update(file).update('\0').update(source).update('\0');
      if (!file.endsWith('.hbs')) continue;
      for (const character of source.match(/[\u0080-\u{10ffff}]/gu) ?? []) characters.add(character);
      const name = file.slice(0, -'.hbs'.length);
      if (name.startsWith('_')) handlebars.registerPartial(name.slice(1), source);
      else this.compiled.set(name, handlebars.compile(source, { strict: false, noEscape: false }));
    }
    this.css = readFileSync(join(directory, 'print.css'), 'utf8');
    this.screenCss = readFileSync(join(directory, 'screen.css'), 'utf8');
    this.text = [...characters].join('');
    this.version = hash.digest().subarray(0, 9).toString('base64url');
  }

  render(name: PrintTemplateName, view: object): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`print template "${name}" is missing`);
    return template(view);
  }
}
