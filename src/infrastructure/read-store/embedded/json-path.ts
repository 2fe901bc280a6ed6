/**
 * Field names become SQLite JSON paths written into the SQL text (not bound), because an
 * expression index is only used when the query repeats its expression literally. So every
 * field is checked against a strict pattern first: nothing else ever reaches the SQL.
 */
const SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$|^[0-9]+$/;

export class InvalidFieldPathError extends Error {
  constructor(field: string) {
    super(
      `Read store: field "${field}" is not a valid path (letters, digits and _ separated by dots, ` +
        `starting with a letter; numeric segments index arrays)`,
    );
    this.name = 'InvalidFieldPathError';
  }
}

/** 'contact.phone' → '$.contact.phone'; 'education.0.school' → '$.education[0].school'. */
export function toJsonPath(field: string): string {
  const segments = field.split('.');
  if (segments.length === 0 || !SEGMENT.test(segments[0]) || /^[0-9]/.test(segments[0])) {
    throw new InvalidFieldPathError(field);
  }
  let path = '$';
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) throw new InvalidFieldPathError(field);
    path += /^[0-9]+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}

/** The SQL expression reading a field of the `doc` column. */
export function fieldExpression(field: string): string {
  return `json_extract(doc, '${toJsonPath(field)}')`;
}

/** The SQL expression giving the JSON type of a field (NULL when missing). */
export function fieldTypeExpression(field: string): string {
  return `json_type(doc, '${toJsonPath(field)}')`;
}
