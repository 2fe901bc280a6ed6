import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Handlebars from 'handlebars';
import { generatedScript } from '../accounts/rules-script/rules-script';
import { templateHelpers } from '../web/template-helpers';
import { STATIC_PREFIX, assetVersions } from './static-assets';

function partialFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return partialFiles(path);
    return entry.name.endsWith('.hbs') ? [path] : [];
  });
}

export interface ViewPaths {
  pages: string;
  layout: string;
  partials: string;
  static: string;
}

/** A Handlebars environment of its own, with the shared partials (named by path: `field`, `layout/header`) and helpers. */
export function createViewEngine(paths: Pick<ViewPaths, 'partials' | 'static'>): typeof Handlebars {
  const handlebars = Handlebars.create();
  for (const file of partialFiles(paths.partials)) {
    const name = relative(paths.partials, file)
      .replace(/\.hbs$/, '')
      .split('\\')
      .join('/');
    handlebars.registerPartial(name, readFileSync(file, 'utf8'));
  }
  const versions = assetVersions(paths.static);
  const assetUrl = (path: string): string => {
    const version = versions.get(path) ?? generatedScript(path)?.version;
    return `${STATIC_PREFIX}${path}${version ? `?v=${version}` : ''}`;
  };
  for (const [name, helper] of Object.entries(templateHelpers(assetUrl))) handlebars.registerHelper(name, helper);
  return handlebars;
}

type Template = (context: object) => string;

/**
 * Pages from templates/pages/<view>.hbs, drawn inside templates/layouts/main.hbs (which places the
 * page with `{{{body}}}`). Templates are compiled once when `cache` is on; otherwise read again on
 * every render, so a developer sees an edited template at once.
 */
export class ViewRenderer {
  private readonly handlebars: typeof Handlebars;
  private readonly compiled = new Map<string, Template>();

  constructor(
    private readonly paths: ViewPaths,
    private readonly cache: boolean,
  ) {
    this.handlebars = createViewEngine(paths);
  }

  render(view: string, context: Record<string, unknown>): string {
    const body = this.template(join(this.paths.pages, `${view}.hbs`))(context);
    return this.template(`${this.paths.layout}.hbs`)({ ...context, body });
  }

  private template(file: string): Template {
    const known = this.compiled.get(file);
    if (known) return known;
    const template = this.handlebars.compile(readFileSync(file, 'utf8'));
    if (this.cache) this.compiled.set(file, template);
    return template;
  }
}

/**
 * Every reply gets `locals` and `render(view, data)`: the page's data over the response's locals.
 * `view` is the same function under the name Nest's `@Render()` calls on Fastify.
 */
export function configureViews(fastify: FastifyInstance, renderer: ViewRenderer): void {
  function render(this: FastifyReply, view: string, data: object = {}): FastifyReply {
    const html = renderer.render(view, { ...this.locals, ...data });
    return this.type('text/html; charset=utf-8').send(html);
  }
  fastify.decorateReply('locals', undefined as unknown as Record<string, unknown>);
  fastify.decorateReply('render', render);
  fastify.decorateReply('view', render);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.locals = {};
    done();
  });
}
