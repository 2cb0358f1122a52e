import { signal } from '@preact/signals';
import { api, get, type Organisation, type Role, type User } from './api';

export const user = signal<User | null | undefined>(undefined); // undefined: not yet known
export const orgNames = signal<Record<string, string>>({});

export async function loadSession(): Promise<void> {
  try {
    user.value = await get<User>('/api/v1/session');
    loadOrgNames();
  } catch {
    user.value = null;
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const answer = await api<{ user: User }>('POST', '/api/v1/session', { email, password });
  user.value = answer.user;
  loadOrgNames();
}

export async function signOut(): Promise<void> {
  await api('DELETE', '/api/v1/session').catch(() => undefined);
  user.value = null;
}

// Organisation names for display (first page of those the reader may see).
async function loadOrgNames(): Promise<void> {
  try {
    const page = await get<{ items: Organisation[] }>('/api/v1/organisations?limit=200');
    orgNames.value = Object.fromEntries(page.items.map((o) => [o.id, o.name]));
  } catch {
    /* names are a convenience */
  }
}

export function orgName(id: string): string {
  return orgNames.value[id] ?? id.slice(0, 8);
}

export interface NavItem {
  href: string;
  key:
    | 'navHome' | 'navNeeds' | 'navNewNeed' | 'navQueue' | 'navOffers' | 'navNewOffer' | 'navCoverage'
    | 'navOrganisations' | 'navUsers' | 'navAudit' | 'navAllocations' | 'navAssessments' | 'navMatching'
    | 'navMeetings' | 'navPortfolio' | 'navInbox';
}

const item = (href: string, key: NavItem['key']): NavItem => ({ href, key });
const NAV = {
  home: item('/', 'navHome'),
  needs: item('/needs', 'navNeeds'),
  newNeed: item('/needs/new', 'navNewNeed'),
  queue: item('/queue', 'navQueue'),
  offers: item('/offers', 'navOffers'),
  newOffer: item('/offers/new', 'navNewOffer'),
  coverage: item('/coverage', 'navCoverage'),
  allocations: item('/allocations', 'navAllocations'),
  assessments: item('/assessments', 'navAssessments'),
  matching: item('/matching', 'navMatching'),
  meetings: item('/meetings', 'navMeetings'),
  portfolio: item('/portfolio', 'navPortfolio'),
  organisations: item('/organisations', 'navOrganisations'),
  users: item('/users', 'navUsers'),
  audit: item('/audit', 'navAudit'),
  inbox: item('/inbox', 'navInbox'),
};

// What each role's navigation offers: only what access.md lets the role do.
// Every role but the admin (no right to content, so never told of any) has
// an inbox.
export function navigationFor(role: Role): NavItem[] {
  const n = NAV;
  switch (role) {
    case 'beneficiary':
      return [n.home, n.inbox, n.needs, n.newNeed, n.assessments, n.allocations];
    case 'front_office':
      return [n.home, n.inbox, n.needs, n.newNeed, n.assessments, n.allocations, n.coverage];
    case 'back_office':
      return [n.home, n.inbox, n.queue, n.needs, n.newNeed, n.offers, n.matching, n.meetings, n.allocations, n.coverage, n.audit];
    case 'ua_authority':
      return [n.home, n.inbox, n.needs, n.offers, n.coverage];
    case 'donor':
      return [n.home, n.inbox, n.needs, n.offers, n.newOffer, n.allocations, n.portfolio, n.coverage];
    case 'observer':
      return [n.home, n.inbox, n.coverage, n.needs];
    case 'implementer':
      return [n.home, n.inbox, n.allocations, n.needs];
    case 'admin':
      return [n.home, n.organisations, n.users, n.audit];
  }
}

// The organisations of one kind the reader may see (first 200), for pickers.
export async function organisationsOfKind(kind: Role): Promise<Organisation[]> {
  const page = await get<{ items: Organisation[] }>('/api/v1/organisations?limit=200');
  return page.items.filter((o) => o.kind === kind);
}
