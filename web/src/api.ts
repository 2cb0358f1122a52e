// The API client: same origin, the session cookie (HttpOnly, SameSite=Strict)
// and X-Requested-With on every call, which the server requires of
// cookie-authenticated changes (CSRF).
import { pageQuery, type Page } from './paging';

export class ApiError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public field?: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'X-Requested-With': 'tallinn', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = data?.error ?? {};
    throw new ApiError(response.status, error.code ?? 'error', error.message ?? response.statusText, error.field);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);

export function list<T>(path: string, params: Record<string, string | number | null | undefined>) {
  return get<Page<T>>(path + pageQuery(params));
}

export type Role =
  | 'beneficiary'
  | 'front_office'
  | 'back_office'
  | 'ua_authority'
  | 'donor'
  | 'observer'
  | 'implementer'
  | 'admin';
export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';

export interface User {
  id: string;
  org: string;
  email: string;
  role: Role;
  disabled?: boolean;
  version?: number;
  created_at?: string;
}
export interface Organisation {
  id: string;
  name: string;
  kind: Role;
  country: string | null;
  version: number;
  created_at: string;
}
export interface Need {
  id: string;
  org: string;
  title: string;
  description: string;
  sector: string;
  region: string;
  category: string;
  amount: number;
  priority: number;
  divisible: boolean;
  national_priority: number | null;
  tlp: Tlp;
  status: string;
  duplicate_of: string | null;
  creator: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface Offer {
  id: string;
  org: string;
  title: string;
  description: string;
  budget: number;
  currency?: string;
  sectors: string[];
  regions: string[];
  categories: string[];
  tlp: Tlp;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface AuditEntry {
  sequence: number;
  time: string;
  actor_user: string | null;
  actor_org: string | null;
  action: string;
  record_type: string | null;
  record_id: string | null;
  outcome: string;
  changed_fields: string;
}
export interface Decision {
  id: string;
  meeting: string;
  decision: 'approve' | 'reject' | 'defer';
  reason: string;
  corrects: string | null;
  creator: string;
  created_at: string;
}
export interface DeliveryReport {
  id: string;
  percent: number;
  note: string;
  milestone: string | null;
  attachment?: { name: string; content_type: string; size: number } | null;
  created_at?: string;
  creator?: string;
}
export interface Allocation {
  id: string;
  proposal?: string;
  run?: string;
  need: string;
  offer: string;
  offer_org: string;
  amount: number;
  currency?: string;
  offer_amount?: number;
  status: string;
  tlp?: Tlp;
  percent?: number;
  created_at?: string;
  updated_at?: string;
  implementer?: string | null;
  committing_org?: string | null;
  need_summary?: { title?: string; sector?: string; region?: string; category?: string; amount?: number; priority?: number };
  decisions?: Decision[];
  reports?: DeliveryReport[];
}
export interface Meeting {
  id: string;
  title: string;
  agenda: string;
  minutes: string;
  attendance?: string[];
  status: 'planned' | 'open' | 'closed';
  creator: string;
  version: number;
  created_at: string;
  updated_at: string;
}
// An offer's (in its currency) or a need's (EUR) sums (docs/coordination.md, "Ledgers").
export interface Ledger {
  record: string;
  currency: string;
  pledged: number;
  approved: number;
  committed: number;
  delivered: number;
  verified: number;
  remaining: number;
}
export interface RunExplanation {
  offers?: { offer: string; shadow_price: number }[];
  needs?: { need: string; reason: string; offers?: string[]; binding_offer_count?: number }[];
}
export interface MatchingRun {
  id: string;
  status: string;
  objective: number | null;
  bound: number | null;
  engine_version: string;
  time_limit: number;
  input_sha256: string;
  allocations: { need: string; offer: string; amount: number }[];
  explanation: RunExplanation;
  created_at: string;
}
export interface Assessment {
  id: string;
  org: string;
  title: string;
  sector: string;
  region: string;
  criticality: number;
  measures: Record<string, { score: number; evidence: string }>;
  tlp: Tlp;
  creator: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface QueueItem extends Need {
  possible_duplicates: { need: string; score: number }[];
}

// Every item of a paged list the reader may see, page by page through the
// same endpoint (and so the same access decision) as the list itself; for
// exports. `onPage` reports progress.
export async function listAll<T>(
  path: string,
  params: Record<string, string | number | null | undefined>,
  onPage?: (loaded: number) => void,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list<T>(path, { ...params, limit: 200, cursor });
    items.push(...page.items);
    onPage?.(items.length);
    cursor = page.next;
  } while (cursor);
  return items;
}
