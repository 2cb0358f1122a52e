// The meeting page's own rules: who may be recorded as attending, and which
// decision is in force on an allocation (docs/coordination.md: a change is a
// new decision naming the earlier one in `corrects`; none is ever edited).
import type { Allocation, Decision, Organisation, Role } from './api';
import { locale, term } from './i18n';
import { needClassName } from './titles';

// The coordination group: the Ukrainian authority, the donors and the
// observers, with the offices that prepare and record its decisions.
export const GROUP_KINDS: readonly Role[] = ['ua_authority', 'donor', 'observer', 'back_office', 'front_office'];

export function groupMembers(organisations: Organisation[]): Organisation[] {
  return organisations
    .filter((o) => GROUP_KINDS.includes(o.kind))
    .sort((a, b) => GROUP_KINDS.indexOf(a.kind) - GROUP_KINDS.indexOf(b.kind) || a.name.localeCompare(b.name));
}

// The decision in force: the latest that no other decision corrects.
export function currentDecision(allocation: Allocation): Decision | null {
  const decisions = allocation.decisions ?? [];
  const corrected = new Set(decisions.map((d) => d.corrects).filter((id): id is string => !!id));
  const standing = decisions.filter((d) => !corrected.has(d.id));
  if (standing.length === 0) return null;
  return standing.reduce((latest, d) => (d.created_at > latest.created_at ? d : latest));
}

// Approved or rejected and not yet committed: the group may still correct
// its decision (a deferred one is simply decided again from the agenda).
export function correctable(allocation: Allocation): boolean {
  return (allocation.status === 'approved' || allocation.status === 'rejected') && currentDecision(allocation) !== null;
}

// An allocation named by its need: the title where the reader may see the
// need, otherwise the class the API reveals of it.
export function allocationLabel(allocation: Allocation): string {
  const summary = allocation.need_summary ?? {};
  return summary.title ?? (needClassName(summary, locale.value) || term(summary.sector ?? '—'));
}

// Whether a label holds every word typed, in any case.
export function matchesFilter(label: string, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const text = label.toLowerCase();
  return words.every((word) => text.includes(word));
}
