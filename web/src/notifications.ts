// The inbox's own logic: where a notice leads and how its kind reads. The
// API names the record (type and id) and renders its current title and
// marking; a notice about a record type this client does not know still
// shows, without a link.
import type { Tlp } from './api';
import { t, type Key } from './i18n';

export interface Notice {
  id: string;
  kind: string;
  record_type: string;
  record_id: string;
  title: string;
  tlp?: Tlp;
  read: boolean;
  created_at: string;
}

const PAGES: Record<string, string> = {
  need: '/needs/',
  offer: '/offers/',
  allocation: '/allocations/',
  assessment: '/assessments/',
};

// The page of the record a notice names, or null for an unknown type or an
// id that is not a record id (never a link built from arbitrary text).
export function recordHref(recordType: string, id: string): string | null {
  const base = PAGES[recordType];
  if (!base || !/^[0-9a-f]{32}$/.test(id)) return null;
  return base + id;
}

const KINDS: Record<string, Key> = {
  'need.submitted': 'notice_need_submitted',
  'need.released': 'notice_need_released',
  'need.validated': 'notice_need_validated',
  'need.rejected': 'notice_need_rejected',
  'need.duplicate': 'notice_need_duplicate',
  'assessment.needs_created': 'notice_assessment_needs_created',
  'allocation.approved': 'notice_allocation_approved',
  'allocation.rejected': 'notice_allocation_rejected',
  'allocation.deferred': 'notice_allocation_deferred',
  'allocation.committed': 'notice_allocation_committed',
  'allocation.declined': 'notice_allocation_declined',
  'allocation.assigned': 'notice_allocation_assigned',
  'allocation.reported': 'notice_allocation_reported',
  'allocation.delivered': 'notice_allocation_delivered',
  'allocation.verified': 'notice_allocation_verified',
};

export function noticeKindKey(kind: string): Key | null {
  return KINDS[kind] ?? null;
}

// What happened, in the reader's language; an unknown kind shows as sent.
export function noticeText(kind: string): string {
  const key = noticeKindKey(kind);
  return key ? t(key) : kind;
}

export const NOTICE_KINDS = Object.keys(KINDS);

// How many notices of a page are unread.
export function unreadCount(items: Notice[]): number {
  return items.filter((n) => !n.read).length;
}
