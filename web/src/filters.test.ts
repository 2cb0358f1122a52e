import { describe, expect, it } from 'vitest';
import { activeFilters, emptyFilters, filterId, matchesFilters, withFilter, type FilterField } from './filters';

const fields: FilterField[] = [
  { key: 'sector', label: 'Sector', options: ['energy', 'health'], anyLabel: 'Any' },
  { key: 'q', label: 'Search', kind: 'search' },
];

describe('filter bar logic', () => {
  it('starts with every field empty', () => {
    expect(emptyFilters(fields)).toEqual({ sector: '', q: '' });
  });

  it('sets one field without changing the original', () => {
    const before = emptyFilters(fields);
    const after = withFilter(before, 'sector', 'energy');
    expect(after).toEqual({ sector: 'energy', q: '' });
    expect(before.sector).toBe('');
  });

  it('leaves out empty and blank values and trims the rest', () => {
    expect(activeFilters({ sector: '', q: '  firewall ', region: '   ' })).toEqual({ q: 'firewall' });
  });

  it('matches items on every active filter only', () => {
    const need = { sector: 'energy', region: 'UA-30' };
    expect(matchesFilters(need, { sector: '', region: '' })).toBe(true);
    expect(matchesFilters(need, { sector: 'energy', region: '' })).toBe(true);
    expect(matchesFilters(need, { sector: 'energy', region: 'UA-46' })).toBe(false);
    expect(matchesFilters(need, { category: 'software' })).toBe(false);
  });

  it('names controls by prefix and key', () => {
    expect(filterId('f', 'status')).toBe('f-status');
  });
});
