import { describe, expect, it } from 'vitest';
import { appendPage, CursorPager, pageQuery } from './paging';
import { match } from './router';
import { transitionsFor, mayEditNeed } from './vocab';

describe('cursor paging', () => {
  it('walks forward with next cursors and back without offsets', () => {
    const pager = new CursorPager();
    expect(pager.current).toBeNull();
    expect(pager.hasPrevious).toBe(false);
    expect(pager.next({ items: [1], next: 'c2' })).toBe('c2');
    expect(pager.next({ items: [2], next: 'c3' })).toBe('c3');
    expect(pager.pageNumber).toBe(3);
    expect(pager.previous()).toBe('c2');
    expect(pager.previous()).toBeNull();
    expect(pager.previous()).toBeNull();
    expect(pager.pageNumber).toBe(1);
  });
  it('stays on the last page', () => {
    const pager = new CursorPager();
    const last = { items: [], next: null };
    expect(pager.hasNext(last)).toBe(false);
    expect(pager.next(last)).toBeNull();
    expect(pager.pageNumber).toBe(1);
  });
  it('forgets the pages ahead after going back and taking another branch', () => {
    const pager = new CursorPager();
    pager.next({ items: [], next: 'a' });
    pager.next({ items: [], next: 'b' });
    pager.previous();
    pager.next({ items: [], next: 'x' });
    expect(pager.current).toBe('x');
    expect(pager.pageNumber).toBe(3);
  });
  it('builds queries without empty parameters and encodes cursors', () => {
    expect(pageQuery({ limit: 25, cursor: null, status: '', q: 'a b&c' })).toBe('?limit=25&q=a+b%26c');
    expect(pageQuery({})).toBe('');
  });
});


describe('routes and permissions shown', () => {
  it('matches parameters', () => {
    expect(match('/needs/:id', '/needs/abc?x=1')).toEqual({ id: 'abc' });
    expect(match('/needs/:id', '/needs/')).toBeNull();
    expect(match('/needs/:id/edit', '/needs/abc')).toBeNull();
  });
  it('offers transitions by role', () => {
    expect(transitionsFor('back_office', 'submitted')).toEqual(['validated', 'rejected', 'duplicate']);
    expect(transitionsFor('donor', 'submitted')).toEqual([]);
    expect(mayEditNeed('beneficiary', 'validated', true)).toBe(false);
    expect(mayEditNeed('beneficiary', 'draft', false)).toBe(false);
  });
});

describe('pages loaded behind "More"', () => {
  it('appends each page after the items already loaded and keeps the next cursor', () => {
    const first = appendPage(null, { items: [{ id: 'a' }, { id: 'b' }], next: 'c1' });
    expect(first).toEqual({ items: [{ id: 'a' }, { id: 'b' }], next: 'c1' });
    const second = appendPage(first, { items: [{ id: 'c' }], next: null });
    expect(second.items.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(second.next).toBeNull();
    expect(first.items.length).toBe(2);
  });
  it('never shows an item twice', () => {
    const loaded = appendPage(null, { items: [{ id: 'a' }, { id: 'b' }], next: 'c1' });
    const again = appendPage(loaded, { items: [{ id: 'b' }, { id: 'c' }], next: 'c2' });
    expect(again.items.map((item) => item.id)).toEqual(['a', 'b', 'c']);
    expect(again.next).toBe('c2');
  });
});
