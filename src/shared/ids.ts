import { randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** Stream names follow EventStoreDB's category convention: `<category>-<id>`, category without dashes. */
export function streamName(category: string, id: string): string {
  if (!/^[a-z][a-zA-Z0-9]*$/.test(category)) throw new Error(`Invalid stream category: ${category}`);
  return `${category}-${id}`;
}

export function streamCategory(stream: string): string {
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(0, dash);
}
