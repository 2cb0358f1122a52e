// The ten NIS2 Art. 21(2) measures (a to j) in the API's order and keys
// (docs/intake.md), and which scores the server turns into draft needs.
import type { Key } from './i18n';

export interface Measure {
  key: string;
  letter: string;
  label: Key;
}

export const MEASURES: Measure[] = [
  { key: 'risk-analysis', letter: 'a', label: 'measure_risk_analysis' },
  { key: 'incident-handling', letter: 'b', label: 'measure_incident_handling' },
  { key: 'business-continuity', letter: 'c', label: 'measure_business_continuity' },
  { key: 'supply-chain', letter: 'd', label: 'measure_supply_chain' },
  { key: 'secure-development', letter: 'e', label: 'measure_secure_development' },
  { key: 'effectiveness', letter: 'f', label: 'measure_effectiveness' },
  { key: 'cyber-hygiene', letter: 'g', label: 'measure_cyber_hygiene' },
  { key: 'cryptography', letter: 'h', label: 'measure_cryptography' },
  { key: 'access-control', letter: 'i', label: 'measure_access_control' },
  { key: 'mfa', letter: 'j', label: 'measure_mfa' },
];

// A measure scored this or lower is a gap: the server derives a draft need for it.
export const GAP_SCORE = 2;

// The measures, in order, that will become draft needs.
export function gapMeasures(scores: Record<string, number>): string[] {
  return MEASURES.filter((m) => Number.isInteger(scores[m.key]) && scores[m.key] <= GAP_SCORE).map((m) => m.key);
}
