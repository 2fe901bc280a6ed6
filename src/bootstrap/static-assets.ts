import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';

export const STATIC_PREFIX = '/static/';

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Content hashes of the static files, so `{{asset "css/app.css"}}` URLs change when the file does. */
export function assetVersions(staticDir: string): Map<string, string> {
  return new Map(
    listFiles(staticDir).map((file) => [
      relative(staticDir, file).split('\\').join('/'),
      createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12),
    ]),
  );
}

/**
 * Serves static/ at /static. A URL carrying the content hash (`?v=…`) is cached for a year; a bare
 * URL for an hour, revalidated by ETag.
 */
export function serveStaticAssets(app: NestExpressApplication, staticDir: string): void {
  app.useStaticAssets(staticDir, {
    prefix: STATIC_PREFIX,
    etag: true,
    index: false,
    setHeaders: (res: Response) => {
      const versioned = typeof res.req.query.v === 'string';
      res.setHeader('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    },
  });
}
