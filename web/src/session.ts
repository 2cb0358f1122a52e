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
    | 'navHome' | 'navNeeds' | 'navNewNeed' | 'navQueue' | 'navOffers' | 'navNewOffer'
    | 'navCoverage' | 'navOrganisations' | 'navUsers' | 'navAudit' | 'navAllocations';
}

// What each role's navigation offers (access.md).
export function navigationFor(role: Role): NavItem[] {
  const home: NavItem = { href: '/', key: 'navHome' };
  const needs: NavItem = { href: '/needs', key: 'navNeeds' };
  const newNeed: NavItem = { href: '/needs/new', key: 'navNewNeed' };
  const offers: NavItem = { href: '/offers', key: 'navOffers' };
  const coverage: NavItem = { href: '/coverage', key: 'navCoverage' };
  const allocations: NavItem = { href: '/allocations', key: 'navAllocations' };
  switch (role) {
    case 'beneficiary':
      return [home, needs, newNeed, allocations];
    case 'front_office':
      return [home, needs, newNeed, allocations, coverage];
    case 'back_office':
      return [home, { href: '/queue', key: 'navQueue' }, needs, newNeed, offers, allocations, coverage, { href: '/audit', key: 'navAudit' }];
    case 'ua_authority':
      return [home, needs, offers, coverage];
    case 'donor':
      return [home, needs, offers, { href: '/offers/new', key: 'navNewOffer' }, allocations, coverage];
    case 'observer':
      return [home, coverage, needs];
    case 'implementer':
      return [home, allocations, needs];
    case 'admin':
      return [home, { href: '/organisations', key: 'navOrganisations' }, { href: '/users', key: 'navUsers' }, { href: '/audit', key: 'navAudit' }];
  }
}
