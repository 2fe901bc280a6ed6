import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding templates/ and static/. Found by walking up from this file, so the same code
 * works from src/ (ts-jest) and from dist/src/ (compiled) whatever the working directory.
 */
export function projectRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || !existsSync(join(dir, 'templates'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`templates/ not found above ${from}`);
    dir = parent;
  }
  return dir;
}

export const projectPaths = (root = projectRoot()) => ({
  pages: join(root, 'templates', 'pages'),
  layout: join(root, 'templates', 'layouts', 'main'),
  partials: join(root, 'templates', 'partials'),
  static: join(root, 'static'),
});
