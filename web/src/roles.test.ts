import { describe, expect, it } from 'vitest';
import type { Allocation, Role } from './api';
import { MEASURES, gapMeasures } from './assessment';
import { en, uk } from './i18n';
import { allocationActions, allocationHistory } from './pages/allocations';
import { reasonText } from './pages/matching';
import { remember } from './recent';

const rememberedKey = (): string[] => JSON.parse((globalThis as unknown as { localStorage: Storage }).localStorage.getItem('test.key') ?? '[]');
import { navigationFor } from './session';
import { OBLAST_PATHS, SEVASTOPOL, MAP_WIDTH, MAP_HEIGHT } from './oblast_paths';
import { REGIONS } from './vocab';

const allocation = (over: Partial<Allocation>): Allocation => ({
  id: 'a1', need: 'n1', offer: 'o1', offer_org: 'donor-org', amount: 100, status: 'approved', ...over,
});

describe('NIS2 assessment', () => {
  it('has the ten measures a to j, labelled in both languages', () => {
    expect(MEASURES.map((m) => m.letter).join('')).toBe('abcdefghij');
    for (const m of MEASURES) {
      expect(en[m.label]).toBeTruthy();
      expect(uk[m.label]).toBeTruthy();
    }
  });
  it('turns measures scored 2 or less into gaps, in measure order', () => {
    const scores = Object.fromEntries(MEASURES.map((m) => [m.key, 3]));
    expect(gapMeasures(scores)).toEqual([]);
    expect(gapMeasures({ ...scores, mfa: 0, 'incident-handling': 2, 'risk-analysis': 3 })).toEqual(['incident-handling', 'mfa']);
  });
});

describe('allocations by role', () => {
  it('lets only the offer’s donor commit or decline an approved allocation', () => {
    expect(allocationActions('donor', allocation({}), 'donor-org')).toEqual(['commit', 'decline']);
    expect(allocationActions('donor', allocation({}), 'another-donor')).toEqual([]);
    expect(allocationActions('back_office', allocation({}), 'bo')).toEqual([]);
  });
  it('lets the assigned implementer report and the owner side verify', () => {
    expect(allocationActions('implementer', allocation({ status: 'committed', implementer: 'impl' }), 'impl')).toEqual(['reports']);
    expect(allocationActions('implementer', allocation({ status: 'committed', implementer: 'impl' }), 'other')).toEqual([]);
    expect(allocationActions('beneficiary', allocation({ status: 'delivered' }), 'ben')).toEqual(['verify']);
    expect(allocationActions('back_office', allocation({ status: 'committed' }), 'bo')).toEqual(['assign']);
  });
  it('tells the history oldest first with decisions and reports', () => {
    const history = allocationHistory(
      allocation({
        created_at: '2026-11-01T10:00:00Z',
        updated_at: '2026-11-03T10:00:00Z',
        status: 'delivering',
        reports: [{ id: 'r', percent: 40, note: 'half', milestone: null, created_at: '2026-11-03T10:00:00Z' }],
        decisions: [{ id: 'd', meeting: 'm', decision: 'approve', reason: 'fits', corrects: null, creator: 'u', created_at: '2026-11-02T10:00:00Z' }],
      }),
    );
    expect(history.map((e) => e.key)).toEqual(['created', 'd', 'r', 'updated']);
    expect(history[1].text).toContain('fits');
    expect(history[2].text).toContain('40');
  });
});

describe('navigation', () => {
  it('offers writing pages only to roles that may write', () => {
    const hrefs = (role: Role) => navigationFor(role).map((i) => i.href);
    expect(hrefs('observer')).not.toContain('/needs/new');
    expect(hrefs('admin')).not.toContain('/needs');
    expect(hrefs('back_office')).toEqual(expect.arrayContaining(['/queue', '/matching', '/meetings']));
    expect(hrefs('donor')).not.toContain('/matching');
    expect(hrefs('implementer')).not.toContain('/offers');
  });
});

describe('matching explanation', () => {
  it('explains every uncovered reason the engine writes, and shows unknown ones as they are', () => {
    for (const reason of ['no_eligible_offer', 'indivisible_no_room', 'outbid']) expect(reasonText(reason)).not.toBe(reason);
    expect(reasonText('something_new')).toBe('something_new');
  });
});

describe('the region map', () => {
  it('has an outline for every region but Sevastopol, inside the view box', () => {
    const outlined = REGIONS.map((r) => r.code).filter((code) => code !== 'UA-40');
    expect(Object.keys(OBLAST_PATHS).sort()).toEqual(outlined.sort());
    for (const path of Object.values(OBLAST_PATHS)) {
      const numbers = path.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(Math.max(MAP_WIDTH, MAP_HEIGHT));
    }
    expect(SEVASTOPOL.y).toBeLessThanOrEqual(MAP_HEIGHT);
  });
});

describe('recent runs and meetings', () => {
  it('keeps ids newest first, without repeats, at most ten', () => {
    const store = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    remember('test.key', 'a');
    remember('test.key', 'b');
    expect(remember('test.key', 'a')).toEqual(['a', 'b']);
    for (let i = 0; i < 12; i++) remember('test.key', `id${i}`);
    expect(rememberedKey()).toHaveLength(10);
    expect(rememberedKey()[0]).toBe('id11');
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });
});
