// The logic of a filter bar (components.tsx FilterBar): which controls it
// shows, and what its values become. Kept apart from the markup so it can be
// tested without a DOM.

// One control: a choice among `options` ("any" first when `anyLabel` is
// set) or a free-text search box.
export interface FilterField {
  key: string;
  label: string;
  kind?: 'select' | 'search';
  options?: readonly string[];
  display?: (value: string) => string;
  anyLabel?: string;
}

export type FilterValues = Record<string, string>;

// Every field of `fields` with no value chosen.
export function emptyFilters(fields: readonly FilterField[]): FilterValues {
  return Object.fromEntries(fields.map((field) => [field.key, '']));
}

// `values` with `key` set to `value`; a new object, so a state hook re-renders.
export function withFilter(values: FilterValues, key: string, value: string): FilterValues {
  return { ...values, [key]: value };
}

// The values a query or a predicate should use: trimmed, the empty ones
// (meaning "any") left out.
export function activeFilters(values: FilterValues): FilterValues {
  const active: FilterValues = {};
  for (const [key, value] of Object.entries(values)) {
    const trimmed = value.trim();
    if (trimmed !== '') active[key] = trimmed;
  }
  return active;
}

// Whether `item` meets every active filter, each compared with the item's
// field of the same key (for lists filtered in the browser).
export function matchesFilters(item: object, values: FilterValues): boolean {
  const fields = item as Record<string, unknown>;
  return Object.entries(activeFilters(values)).every(([key, value]) => String(fields[key] ?? '') === value);
}

// The id of a field's control: `${prefix}-${key}` (labels and tests use it).
export function filterId(prefix: string, key: string): string {
  return `${prefix}-${key}`;
}
