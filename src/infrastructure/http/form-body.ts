import { parse } from 'qs';

/** Fields a form may send: more are dropped by the parser (a page sends a few hundred at most). */
const FORM_PARAMETER_LIMIT = 2000;

/**
 * A urlencoded form, its nested fields (`education[0][school]`) parsed into objects and arrays, as
 * Express's extended parser did. The array limit is the field limit: past its array limit qs turns
 * a repeated field into an object keyed by index, which the pages read as no list at all (201
 * ticked rows of 通过所选 were answered 请先勾选 rather than 一次最多200条).
 */
export function parseFormBody(body: string): Record<string, unknown> {
  return parse(body, { depth: 10, parameterLimit: FORM_PARAMETER_LIMIT, arrayLimit: FORM_PARAMETER_LIMIT });
}
