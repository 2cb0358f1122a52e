// Coverage aggregates for the dashboard: from GET /api/v1/coverage when the
// server has it, otherwise counted per key with /api/v1/needs/count (never
// by loading the list). Cells built from fewer than 3 records are
// suppressed for observers and the public, exactly as the API does.
import { ApiError, get, type Role } from './api';
import { pageQuery } from './paging';

export type Dimension = 'sector' | 'region' | 'category' | 'priority';

export interface CoverageCell {
  key: string;
  needed: number | null;
  committed: number | null;
  delivered: number | null;
  gap: number | null;
  count: number | null;
  suppressed: boolean;
}

export interface Coverage {
  cells: CoverageCell[];
  countsOnly: boolean; // true when only counts were available
}

export const SUPPRESSION_THRESHOLD = 3;

export function suppressesFor(role: Role | null): boolean {
  return role === null || role === 'observer';
}

export function isSuppressed(count: number | null | undefined, suppress: boolean): boolean {
  if (!suppress) return false;
  return count !== null && count !== undefined && count > 0 && count < SUPPRESSION_THRESHOLD;
}

// Normalises one item of the API's answer; a cell the API suppressed comes
// with null values or "suppressed": true.
export function toCell(item: Record<string, unknown>): CoverageCell {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const suppressed = item.suppressed === true || (item.count === null && item.gap === null);
  return {
    key: String(item.key),
    needed: num(item.needed),
    committed: num(item.committed),
    delivered: num(item.delivered),
    gap: num(item.gap),
    count: num(item.count),
    suppressed,
  };
}

export async function loadCoverage(by: Dimension, keys: readonly string[], role: Role | null, filters: Record<string, string> = {}): Promise<Coverage> {
  try {
    const answer = await get<{ items: Record<string, unknown>[] }>(`/api/v1/coverage${pageQuery({ by, ...filters })}`);
    return { cells: answer.items.map(toCell), countsOnly: false };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404 || by === 'priority') throw error;
  }
  const suppress = suppressesFor(role);
  const cells = await Promise.all(
    keys.map(async (key) => {
      const { count } = await get<{ count: number }>(`/api/v1/needs/count${pageQuery({ [by]: key, ...filters })}`);
      const hidden = isSuppressed(count, suppress);
      return { key, needed: null, committed: null, delivered: null, gap: null, count: hidden ? null : count, suppressed: hidden };
    }),
  );
  return { cells, countsOnly: true };
}

// The value a cell is shaded or charted by: its gap, or its count when the
// server gave counts only.
export function cellValue(cell: CoverageCell, countsOnly: boolean): number {
  if (cell.suppressed) return 0;
  return (countsOnly ? cell.count : cell.gap) ?? 0;
}

// 0..1 shade for the map, relative to the largest value.
export function shade(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(1, 0.15 + 0.85 * (value / max));
}
