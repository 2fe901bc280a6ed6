import { ValidationError } from '../../shared/errors';

export const etagOf = (version: string): string => `"${version}"`;

/**
 * The version in an If-Match header (`"v"` or `W/"v"`); none (or `*`) pins nothing, as the
 * catalog API took changes before it had versions.
 */
export function versionFromIfMatch(header: string | undefined): string | undefined {
  const value = header?.trim() ?? '';
  if (value === '' || value === '*') return undefined;
  const match = /^(?:W\/)?"([A-Za-z0-9_-]{1,64})"$/.exec(value);
  if (!match)
    throw new ValidationError([
      { field: 'If-Match', code: 'IF_MATCH_INVALID', message: 'If-Match 须为 GET 返回的 ETag' },
    ]);
  return match[1];
}
