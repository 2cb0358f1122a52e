import { describe, expect, it } from 'vitest';
import { en, uk } from './i18n';
import { historyText, type HistoryEntry } from './record_history';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  time: '2026-11-26T03:00:00Z', action: 'need.transition', outcome: 'ok', changed_fields: 'status',
  actor_org: 'f'.repeat(32), actor_org_name: 'Kharkiv water utility', ...over,
});

describe('record history', () => {
  it('names the action, the organisation and the fields, in both languages', () => {
    expect(historyText(entry({}), 'en')).toBe('Status changed by Kharkiv water utility; fields: status');
    expect(historyText(entry({}), 'uk')).toBe('Змінено статус: Kharkiv water utility; поля: status');
    expect(historyText(entry({ action: 'need.update', changed_fields: 'amount,tlp' }), 'en')).toContain('fields: amount, tlp');
  });
  it('shows the user and a refusal only when the server sent them', () => {
    const plain = historyText(entry({}), 'en');
    expect(plain).not.toContain('user');
    expect(plain).not.toContain('refused');
    const full = historyText(entry({ actor_user: 'abcdef0123456789', outcome: 'hidden', sequence: 7 }), 'en');
    expect(full).toContain('user abcdef01');
    expect(full).toContain('refused (hidden)');
  });
  it('falls back to the organisation id, and to the action as sent when it is unknown', () => {
    const text = historyText(entry({ action: 'need.merge', actor_org_name: null, changed_fields: '' }), 'en');
    expect(text).toBe(`need.merge by ${'f'.repeat(32)}`);
    expect(historyText(entry({ actor_org: null, actor_org_name: null, changed_fields: '' }), 'en')).toBe('Status changed by —');
  });
  it('has every history string in both languages', () => {
    for (const key of Object.keys(en).filter((k) => k.startsWith('audit_') || k.startsWith('history'))) {
      expect(uk[key as keyof typeof en], key).toBeTruthy();
    }
  });
});
