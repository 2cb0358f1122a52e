// Names for the records a matching run refers to by id. A need or offer the
// reader may see is named by its title (read from the API under the reader's
// access); a need it may not see by the class an allocation reveals of it
// (category, sector, region: api.md, "Allocation"), and anything else as not
// visible, with a short id. Only the rows on screen are looked up.
import { ApiError, get, type Allocation, type Need, type Offer } from './api';
import { t, term, type Locale } from './i18n';
import { regionName } from './vocab';

export interface RecordName {
  text: string;
  visible: boolean; // the reader may open the record
}

export type NeedSummary = NonNullable<Allocation['need_summary']>;

export const shortId = (id: string) => id.slice(0, 8);

// "Hosting for Energy in Lviv": the redacted form of a need.
export function needClassName(summary: NeedSummary, lang: Locale): string {
  if (!summary.sector || !summary.region || !summary.category) return '';
  return t('needClass', { category: term(summary.category, lang), sector: term(summary.sector, lang), region: regionName(summary.region, lang) });
}

export function nameOfNeed(id: string, need: Pick<Need, 'title'> | null, summary: NeedSummary | undefined, lang: Locale): RecordName {
  if (need) return { text: need.title, visible: true };
  if (summary?.title) return { text: summary.title, visible: true };
  const redacted = summary ? needClassName(summary, lang) : '';
  return { text: redacted || t('notVisible', { id: shortId(id) }), visible: false };
}

export function nameOfOffer(id: string, offer: Pick<Offer, 'title'> | null): RecordName {
  return offer ? { text: offer.title, visible: true } : { text: t('notVisible', { id: shortId(id) }), visible: false };
}

// A record, or null where the reader may not see it (404); other failures
// propagate.
async function readOrNull<T>(path: string): Promise<T | null> {
  try {
    return await get<T>(path);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) return null;
    throw failure;
  }
}

// Looks each id up once per page view (a run names the same offer often).
export class RecordNames {
  private needs = new Map<string, Promise<Need | null>>();
  private offers = new Map<string, Promise<Offer | null>>();
  constructor(private read: <T>(path: string) => Promise<T | null> = readOrNull) {}

  need(id: string): Promise<Need | null> {
    let known = this.needs.get(id);
    if (!known) this.needs.set(id, (known = this.read<Need>(`/api/v1/needs/${encodeURIComponent(id)}`)));
    return known;
  }
  offer(id: string): Promise<Offer | null> {
    let known = this.offers.get(id);
    if (!known) this.offers.set(id, (known = this.read<Offer>(`/api/v1/offers/${encodeURIComponent(id)}`)));
    return known;
  }
}
