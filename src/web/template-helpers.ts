import Handlebars, { type HelperDelegate } from 'handlebars';
import type { FieldError } from '../shared/errors';
import type { Principal } from '../infrastructure/http/principal';
import { fieldView } from './field-view';
import { navItems } from './navigation';
import { stepItems } from './step-items';

/**
 * Helpers every page may use. Kept few and logic-free: templates ask questions, code answers them.
 * `asset` needs the content hashes of static/, so it is built by the caller.
 */
export function templateHelpers(assetUrl: (path: string) => string): Record<string, HelperDelegate> {
  return {
    /** Our own path plus a hex hash: safe, and `=` must not be HTML-escaped. */
    asset: (path: unknown) => new Handlebars.SafeString(assetUrl(String(path))),
    eq: (a: unknown, b: unknown) => a === b,
    not: (value: unknown) => !value,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    /** Builds ids and attribute values: `(concat name "-hint")`. */
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    /** 1-based numbers for #each loops: `{{inc @index}}`. */
    inc: (value: unknown) => Number(value) + 1,
    /** The error of one field from the `errors` list a refused form is rendered with. */
    fieldError: (errors: unknown, name: unknown) =>
      Array.isArray(errors) ? (errors as FieldError[]).find((error) => error.field === name) : undefined,
    /** View models of the shared partials (field, combobox, step-indicator). */
    fieldView: (context: unknown) => fieldView((context ?? {}) as Record<string, unknown>),
    stepItems: (steps: unknown, current: unknown) => stepItems(steps, Number(current)),
    navItems: (principal: unknown, currentPath: unknown) =>
      navItems(principal as Principal | undefined, typeof currentPath === 'string' ? currentPath : '/'),
  };
}
