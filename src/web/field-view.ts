import type { FieldError } from '../shared/errors';

/** Where the value stands against a directory (the seed's yellow and grey). */
export type FieldState = 'unknown' | 'recognised';

const STATE_TEXT: Record<FieldState, string> = {
  unknown: '不在系统已有的列表中，请核对',
  recognised: '已在系统列表中',
};

/** `education[0][school]` (a form name) → `education.0.school` (the path validation reports). */
export function fieldPath(name: string): string {
  return name.replace(/\[(\w*)\]/g, '.$1').replace(/\.$/, '');
}

function lookupPath(values: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === null || typeof value !== 'object') return undefined;
    return (value as Record<string, unknown>)[key];
  }, values);
}

/**
 * The view model of the `field` and `combobox` partials, computed from the partial's context
 * (the page's `errors` and `values` plus the partial's own parameters).
 */
export function fieldView(context: Record<string, unknown>): Record<string, unknown> {
  const name = String(context.name ?? '');
  const id = typeof context.id === 'string' ? context.id : fieldPath(name);
  const errors = Array.isArray(context.errors) ? (context.errors as FieldError[]) : [];
  const error = errors.find((candidate) => candidate.field === fieldPath(name));
  const type = typeof context.type === 'string' ? context.type : 'text';
  const state = !error && (context.state === 'unknown' || context.state === 'recognised') ? context.state : undefined;
  const value = 'value' in context ? context.value : lookupPath(context.values, fieldPath(name));
  const hintId = context.hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const stateId = state ? `${id}-state` : undefined;
  const modifier = error ? 'field--error' : state ? `field--${state}` : '';
  return {
    ...context,
    id,
    name,
    type,
    error,
    hintId,
    errorId,
    stateId,
    stateText: state ? STATE_TEXT[state] : undefined,
    className: ['field', modifier].filter(Boolean).join(' '),
    describedBy: [hintId, errorId, stateId].filter(Boolean).join(' ') || undefined,
    // A password is never sent back to the browser, even when the form is shown again.
    value: type === 'password' || value === undefined || value === null ? undefined : String(value),
    options: Array.isArray(context.options) ? selectOptions(context.options, value) : undefined,
  };
}

function selectOptions(
  options: unknown[],
  selected: unknown,
): Array<{ value: string; label: string; selected: boolean }> {
  return options.map((option) => {
    const {
      value,
      label,
      selected: marked,
    } = option !== null && typeof option === 'object'
      ? (option as { value: unknown; label?: unknown; selected?: unknown })
      : { value: option, label: option, selected: undefined };
    // Without a value for the field (value= or the form's values), the page's own mark chooses.
    const chosen = selected === undefined || selected === null ? marked === true : String(value) === String(selected);
    return { value: String(value), label: String(label ?? value), selected: chosen };
  });
}
