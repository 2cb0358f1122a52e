// Coverage aggregates for the dashboard (GET /api/v1/coverage). The server
// suppresses small cells for observers and the public; `suppressCells` is
// the same rule (core/suppression.cpp) for any aggregate the client would
// build itself, and is idempotent on what the server already suppressed.
import { get, type Role } from './api';

export type Dimension = 'sector' | 'region' | 'category' | 'priority';
export type Metric = 'gap' | 'needed' | 'committed' | 'delivered' | 'count';
export const METRICS: Metric[] = ['gap', 'needed', 'committed', 'delivered', 'count'];

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
  suppressedBelow: number | null;
}

export const SUPPRESSION_THRESHOLD = 3;

// Observers and the public see suppressed aggregates (access.md).
export function suppressesFor(role: Role | null): boolean {
  return role === null || role === 'observer';
}

// Normalises one item of the API's answer; a suppressed cell comes as its
// key with "suppressed": true and no figures.
export function toCell(item: Record<string, unknown>): CoverageCell {
  const num = (v: unknown) => (typeof v === 'number' ? v : null);
  const suppressed = item.suppressed === true || (item.count === undefined && item.gap === undefined);
  return {
    key: String(item.key),
    needed: suppressed ? null : num(item.needed),
    committed: suppressed ? null : num(item.committed),
    delivered: suppressed ? null : num(item.delivered),
    gap: suppressed ? null : num(item.gap),
    count: suppressed ? null : num(item.count),
    suppressed,
  };
}

// Cells of 1 or 2 records are hidden; when that hides exactly one cell, the
// smallest other non-empty cell (fewest records, then least needed) is hidden
// with it, so totals minus the visible cells never reveal a single one.
export function suppressCells(cells: CoverageCell[], minCount = SUPPRESSION_THRESHOLD): CoverageCell[] {
  const hide = (c: CoverageCell): CoverageCell => ({ ...c, needed: null, committed: null, delivered: null, gap: null, count: null, suppressed: true });
  const small = (c: CoverageCell) => c.suppressed || (c.count !== null && c.count > 0 && c.count < minCount);
  const out = cells.map((c) => (small(c) ? hide(c) : c));
  if (out.filter((c) => c.suppressed).length !== 1) return out;
  let smallest = -1;
  out.forEach((c, index) => {
    if (c.suppressed || !c.count) return;
    const best = out[smallest];
    if (smallest < 0 || c.count < best.count! || (c.count === best.count && (c.needed ?? 0) < (best.needed ?? 0))) smallest = index;
  });
  if (smallest >= 0) out[smallest] = hide(out[smallest]);
  return out;
}

export async function loadCoverage(by: Dimension, role: Role | null): Promise<Coverage> {
  const answer = await get<{ items: Record<string, unknown>[]; suppressed_below?: number | null }>(`/api/v1/coverage?by=${by}`);
  const cells = answer.items.map(toCell);
  return { cells: suppressesFor(role) ? suppressCells(cells) : cells, suppressedBelow: answer.suppressed_below ?? null };
}

// The value a cell is shaded or charted by (0 when suppressed).
export function cellValue(cell: CoverageCell, metric: Metric = 'gap'): number {
  if (cell.suppressed) return 0;
  return cell[metric] ?? 0;
}

// 0..1 shade for the map, relative to the largest value.
export function shade(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(1, 0.15 + 0.85 * (value / max));
}
