import { describe, expect, it } from 'vitest';
import { cellValue, shade, suppressCells, suppressesFor, toCell, type CoverageCell } from './coverage';

const cell = (key: string, count: number, needed = count * 100): CoverageCell => ({
  key, count, needed, committed: 0, delivered: 0, gap: needed, suppressed: false,
});

describe('coverage suppression (as core/suppression.cpp)', () => {
  it('applies to observers and the public only', () => {
    expect(suppressesFor('observer')).toBe(true);
    expect(suppressesFor(null)).toBe(true);
    expect(suppressesFor('back_office')).toBe(false);
    expect(suppressesFor('donor')).toBe(false);
  });
  it('hides cells of 1 or 2 records and keeps 0 and 3+', () => {
    const out = suppressCells([cell('a', 1), cell('b', 2), cell('c', 3), cell('d', 0)]);
    expect(out.map((c) => c.suppressed)).toEqual([true, true, false, false]);
    expect(out[0].gap).toBeNull();
    expect(out[0].count).toBeNull();
    expect(out[2].gap).toBe(300);
  });
  it('hides the smallest other cell when only one would be hidden', () => {
    const out = suppressCells([cell('a', 2), cell('b', 7), cell('c', 4), cell('d', 4, 50), cell('e', 0)]);
    expect(out.filter((c) => c.suppressed).map((c) => c.key)).toEqual(['a', 'd']);
  });
  it('leaves a lone small cell hidden when no other cell has records', () => {
    const out = suppressCells([cell('a', 1), cell('b', 0)]);
    expect(out.map((c) => c.suppressed)).toEqual([true, false]);
  });
  it('is idempotent on what the server already suppressed', () => {
    const server = [toCell({ key: 'a', suppressed: true }), toCell({ key: 'b', suppressed: true }), toCell({ key: 'c', count: 9, gap: 5, needed: 5 })];
    expect(suppressCells(server).map((c) => c.suppressed)).toEqual([true, true, false]);
  });
  it('reads API cells, suppressed ones without figures', () => {
    const hidden = toCell({ key: 'UA-30', suppressed: true });
    expect(hidden.suppressed).toBe(true);
    expect(cellValue(hidden, 'gap')).toBe(0);
    const shown = toCell({ key: 'UA-30', count: 5, gap: 100, needed: 200, committed: 100, delivered: 20 });
    expect(shown.suppressed).toBe(false);
    expect(cellValue(shown, 'gap')).toBe(100);
    expect(cellValue(shown, 'delivered')).toBe(20);
    expect(cellValue(shown, 'count')).toBe(5);
  });
  it('shades relative to the largest value', () => {
    expect(shade(0, 10)).toBe(0);
    expect(shade(10, 10)).toBe(1);
    expect(shade(5, 0)).toBe(0);
    expect(shade(5, 10)).toBeCloseTo(0.575);
  });
});
