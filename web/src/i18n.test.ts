import { describe, expect, it } from 'vitest';
import { en, uk, formatDate, formatMoney, formatNumber, term, translate, ukTerms, type Key } from './i18n';
import { CATEGORIES, SECTORS, STATUSES, REGIONS } from './vocab';
import { navigationFor } from './session';
import { ROLES } from './vocab';

describe('i18n completeness', () => {
  it('has every key in both languages, none empty', () => {
    expect(Object.keys(uk).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Key[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(uk[key].trim(), key).not.toBe('');
    }
  });
  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as Key[]) {
      expect(placeholders(uk[key]), key).toEqual(placeholders(en[key]));
    }
  });
  it('names every vocabulary value and region in Ukrainian', () => {
    for (const value of [...SECTORS, ...CATEGORIES, ...STATUSES]) expect(ukTerms[value], value).toBeTruthy();
    expect(REGIONS).toHaveLength(27);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(27);
    for (const region of REGIONS) expect(region.uk && region.en).toBeTruthy();
  });
  it('has a home text, a role name and a navigation for every role', () => {
    for (const role of ROLES) {
      expect(en[`homeIntro_${role}`]).toBeTruthy();
      expect(uk[`role_${role}`]).toBeTruthy();
      expect(navigationFor(role)[0].href).toBe('/');
    }
  });
  it('fills placeholders', () => {
    expect(translate('en', 'page', { n: 3 })).toBe('Page 3');
    expect(translate('uk', 'page', { n: 3 })).toBe('Сторінка 3');
  });
});

describe('locale formats', () => {
  it('formats money per locale', () => {
    expect(formatMoney(1234.5, 'en')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'uk').replace(/\s/g, ' ')).toMatch(/^1 234,50 (EUR|€)$/);
  });
  it('formats numbers and dates per locale', () => {
    expect(formatNumber(100000, 'en')).toBe('100,000');
    expect(formatNumber(100000, 'uk').replace(/\s/g, ' ')).toBe('100 000');
    expect(formatDate('2026-11-25T10:00:00Z', 'en')).toContain('2026');
    expect(formatDate('2026-11-25T10:00:00Z', 'uk')).toMatch(/лист/);
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });
  it('shows vocabulary values in both languages', () => {
    expect(term('drinking-water', 'en')).toBe('Drinking water');
    expect(term('drinking-water', 'uk')).toBe('Питна вода');
  });
});
