// The API's vocabularies (api.md) and the regions of Ukraine (ISO 3166-2:UA).
import type { Role } from './api';

export const SECTORS = [
  'energy', 'transport', 'banking', 'financial-market-infrastructure', 'health', 'drinking-water',
  'waste-water', 'digital-infrastructure', 'ict-service-management', 'public-administration',
  'space', 'postal', 'waste-management', 'chemicals', 'food', 'manufacturing', 'digital-providers',
  'research',
] as const;
export const CATEGORIES = [
  'equipment', 'software', 'connectivity', 'training', 'assessment', 'incident-response',
  'consulting', 'hosting',
] as const;
export const STATUSES = [
  'draft', 'submitted', 'validated', 'published', 'matched', 'funded', 'delivering', 'delivered',
  'verified', 'closed', 'rejected', 'withdrawn', 'duplicate',
] as const;
export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const ROLES: Role[] = [
  'beneficiary', 'front_office', 'back_office', 'ua_authority', 'donor', 'observer', 'implementer',
  'admin',
];

export interface Region {
  code: string;
  en: string;
  uk: string;
  col: number; // position on the tile map
  row: number;
}

// A tile map: one tile per region, placed roughly where the region lies.
export const REGIONS: Region[] = [
  { code: 'UA-07', en: 'Volyn', uk: 'Волинська', col: 1, row: 0 },
  { code: 'UA-56', en: 'Rivne', uk: 'Рівненська', col: 2, row: 0 },
  { code: 'UA-18', en: 'Zhytomyr', uk: 'Житомирська', col: 3, row: 0 },
  { code: 'UA-32', en: 'Kyiv Oblast', uk: 'Київська', col: 4, row: 0 },
  { code: 'UA-74', en: 'Chernihiv', uk: 'Чернігівська', col: 5, row: 0 },
  { code: 'UA-59', en: 'Sumy', uk: 'Сумська', col: 6, row: 0 },
  { code: 'UA-46', en: 'Lviv', uk: 'Львівська', col: 1, row: 1 },
  { code: 'UA-61', en: 'Ternopil', uk: 'Тернопільська', col: 2, row: 1 },
  { code: 'UA-68', en: 'Khmelnytskyi', uk: 'Хмельницька', col: 3, row: 1 },
  { code: 'UA-30', en: 'Kyiv', uk: 'Київ', col: 4, row: 1 },
  { code: 'UA-53', en: 'Poltava', uk: 'Полтавська', col: 5, row: 1 },
  { code: 'UA-63', en: 'Kharkiv', uk: 'Харківська', col: 6, row: 1 },
  { code: 'UA-09', en: 'Luhansk', uk: 'Луганська', col: 7, row: 1 },
  { code: 'UA-21', en: 'Zakarpattia', uk: 'Закарпатська', col: 0, row: 2 },
  { code: 'UA-26', en: 'Ivano-Frankivsk', uk: 'Івано-Франківська', col: 1, row: 2 },
  { code: 'UA-77', en: 'Chernivtsi', uk: 'Чернівецька', col: 2, row: 2 },
  { code: 'UA-05', en: 'Vinnytsia', uk: 'Вінницька', col: 3, row: 2 },
  { code: 'UA-71', en: 'Cherkasy', uk: 'Черкаська', col: 4, row: 2 },
  { code: 'UA-12', en: 'Dnipropetrovsk', uk: 'Дніпропетровська', col: 5, row: 2 },
  { code: 'UA-14', en: 'Donetsk', uk: 'Донецька', col: 6, row: 2 },
  { code: 'UA-51', en: 'Odesa', uk: 'Одеська', col: 3, row: 3 },
  { code: 'UA-35', en: 'Kirovohrad', uk: 'Кіровоградська', col: 4, row: 3 },
  { code: 'UA-23', en: 'Zaporizhzhia', uk: 'Запорізька', col: 5, row: 3 },
  { code: 'UA-48', en: 'Mykolaiv', uk: 'Миколаївська', col: 4, row: 4 },
  { code: 'UA-65', en: 'Kherson', uk: 'Херсонська', col: 5, row: 4 },
  { code: 'UA-40', en: 'Sevastopol', uk: 'Севастополь', col: 4, row: 5 },
  { code: 'UA-43', en: 'Crimea', uk: 'Крим', col: 5, row: 5 },
];

export function regionName(code: string, locale: 'en' | 'uk'): string {
  const region = REGIONS.find((r) => r.code === code);
  return region ? region[locale] : code;
}

// The moves a role may offer on a need in a given state (access.md); the
// server decides, this only chooses which buttons to show.
export function transitionsFor(role: Role, status: string): string[] {
  if (role === 'back_office') {
    if (status === 'draft') return ['submitted', 'withdrawn'];
    if (status === 'submitted') return ['validated', 'rejected', 'duplicate'];
    if (status === 'validated') return ['published', 'rejected', 'duplicate'];
    return [];
  }
  if (role === 'beneficiary' || role === 'front_office') {
    if (status === 'draft') return ['submitted', 'withdrawn'];
    if (status === 'submitted') return ['withdrawn'];
  }
  return [];
}

export function mayCreateNeed(role: Role): boolean {
  return role === 'beneficiary' || role === 'front_office' || role === 'back_office';
}
export function mayEditNeed(role: Role, status: string, own: boolean): boolean {
  if (role === 'back_office') return !['closed', 'rejected', 'withdrawn', 'duplicate'].includes(status);
  const beforeValidation = status === 'draft' || status === 'submitted';
  if (role === 'front_office') return beforeValidation;
  if (role === 'beneficiary') return beforeValidation && own;
  return false;
}
export function mayEditOffer(role: Role, own: boolean): boolean {
  return role === 'back_office' || (role === 'donor' && own);
}
