import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

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
export async function serveStaticAssets(fastify: FastifyInstance, staticDir: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root: staticDir,
    prefix: STATIC_PREFIX,
    etag: true,
    index: false,
    cacheControl: false,
    // No handler sends files itself; the OpenAPI UI registers its own instance of the plugin.
    decorateReply: false,
    setHeaders: (reply: FastifyReply) => {
      const versioned = typeof (reply.request.query as Record<string, unknown>).v === 'string';
      reply.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    },
  });
}
