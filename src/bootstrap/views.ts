import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import hbs, { type HbsInstance } from 'hbs';
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

/** A Handlebars instance with the shared partials (named by path: `field`, `layout/header`) and helpers. */
export function createViewEngine(paths: Pick<ViewPaths, 'partials' | 'static'>): HbsInstance {
  const instance = hbs.create();
  for (const file of partialFiles(paths.partials)) {
    const name = relative(paths.partials, file)
      .replace(/\.hbs$/, '')
      .split('\\')
      .join('/');
    instance.registerPartial(name, readFileSync(file, 'utf8'));
  }
  const versions = assetVersions(paths.static);
  const assetUrl = (path: string): string => {
    const version = versions.get(path);
    return `${STATIC_PREFIX}${path}${version ? `?v=${version}` : ''}`;
  };
  for (const [name, helper] of Object.entries(templateHelpers(assetUrl))) instance.registerHelper(name, helper);
  return instance;
}

/**
 * Pages from templates/pages inside templates/layouts/main.hbs. Each app gets its own Handlebars
 * instance, so tests that create several apps do not share registrations.
 */
export function configureViews(app: NestExpressApplication, paths: ViewPaths, cache: boolean): void {
  app.engine('hbs', createViewEngine(paths).__express);
  app.setBaseViewsDir(paths.pages);
  app.setViewEngine('hbs');
  app.set('view options', { layout: relative(paths.pages, paths.layout) });
  app.set('view cache', cache);
}
