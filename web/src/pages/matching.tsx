// Matching (back office): run the engine over the published needs and open
// offers, read its explanation (per offer its shadow price, per uncovered
// need the reason) and turn the run into proposals for the coordination group.
import { useMemo, useState } from 'preact/hooks';
import { get, post, type Allocation, type MatchingRun } from '../api';
import { navigate } from '../router';
import { formatDate, formatMoney, formatNumber, locale, t, type Key } from '../i18n';
import { slicePage } from '../paging';
import { nameOfNeed, nameOfOffer, RecordNames, shortId, type NeedSummary, type RecordName } from '../titles';
import { ErrorBox, Field, PageTitle, RecordLink, SlicePager, StatusBadge, useLoad } from '../components';
import { rememberRun, rememberedRuns } from '../recent';

const REASONS: Record<string, Key> = {
  no_eligible_offer: 'reason_no_eligible_offer',
  indivisible_no_room: 'reason_indivisible_no_room',
  outbid: 'reason_outbid',
};
export function reasonText(reason: string): string {
  const key = REASONS[reason];
  return key ? t(key) : reason;
}

const ROWS = 25;

// The names of the needs and offers on the rows shown, as far as the reader
// may see them; `summaries` holds the redacted need classes that the run's
// allocations (once proposed) reveal.
function useNames(names: RecordNames, needIds: string[], offerIds: string[], summaries: Map<string, NeedSummary>) {
  const lang = locale.value;
  const [loaded] = useLoad(async () => {
    const needs = await Promise.all(needIds.map(async (id) => [id, nameOfNeed(id, await names.need(id), summaries.get(id), lang)] as const));
    const offers = await Promise.all(offerIds.map(async (id) => [id, nameOfOffer(id, await names.offer(id))] as const));
    return { needs: new Map<string, RecordName>(needs), offers: new Map<string, RecordName>(offers) };
  }, [needIds.join(','), offerIds.join(','), summaries.size, lang]);
  return loaded ?? { needs: new Map<string, RecordName>(), offers: new Map<string, RecordName>() };
}

function RunView({ run }: { run: MatchingRun }) {
  const [proposal, setProposal] = useState<{ id: string; allocations: unknown[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function propose() {
    setError(null);
    try {
      setProposal(await post<{ id: string; allocations: unknown[] }>('/api/v1/proposals', { run: run.id }));
    } catch (failure) {
      setError(failure);
    }
  }
  const offers = run.explanation?.offers ?? [];
  const uncovered = run.explanation?.needs ?? [];
  const total = run.allocations.reduce((sum, a) => sum + a.amount, 0);
  const names = useMemo(() => new RecordNames(), [run.id]);
  // Once proposed, the run's allocations carry each need's class, which is
  // what a reader who may not see a need is shown of it.
  const [proposed] = useLoad(
    () => get<{ items: Allocation[] }>(`/api/v1/allocations?run=${encodeURIComponent(run.id)}`).catch(() => ({ items: [] as Allocation[] })),
    [run.id, proposal?.id],
  );
  const summaries = useMemo(() => new Map((proposed?.items ?? []).filter((a) => a.need_summary).map((a) => [a.need, a.need_summary!])), [proposed]);
  const [allocationPage, setAllocationPage] = useState(1);
  const [offerPage, setOfferPage] = useState(1);
  const [uncoveredPage, setUncoveredPage] = useState(1);
  const allocationRows = slicePage(run.allocations, allocationPage, ROWS);
  const offerRows = slicePage(offers, offerPage, ROWS);
  const uncoveredRows = slicePage(uncovered, uncoveredPage, ROWS);
  const shown = useNames(
    names,
    [...new Set([...allocationRows.rows.map((a) => a.need), ...uncoveredRows.rows.map((n) => n.need)])],
    [...new Set([...allocationRows.rows.map((a) => a.offer), ...offerRows.rows.map((o) => o.offer), ...uncoveredRows.rows.flatMap((n) => n.offers ?? [])])],
    summaries,
  );
  return (
    <article class="record" aria-labelledby="run-title">
      <h2 id="run-title">{t('runTitle', { id: shortId(run.id) })}</h2>
      <dl class="facts">
        <dt>{t('status')}</dt>
        <dd>
          <StatusBadge status={run.status} />
        </dd>
        <dt>{t('objective')}</dt>
        <dd>{run.objective === null ? '—' : formatNumber(run.objective)}</dd>
        <dt>{t('bound')}</dt>
        <dd>{run.bound === null ? '—' : formatNumber(run.bound)}</dd>
        <dt>{t('allocatedTotal')}</dt>
        <dd>{formatMoney(total)}</dd>
        <dt>{t('created')}</dt>
        <dd>{formatDate(run.created_at)}</dd>
        <dt>{t('engineVersion')}</dt>
        <dd>{run.engine_version}</dd>
        <dt>{t('inputHash')}</dt>
        <dd class="mono">{run.input_sha256.slice(0, 16)}…</dd>
      </dl>
      <div class="buttons">
        <button type="button" onClick={propose} disabled={!!proposal || run.allocations.length === 0}>
          {t('buildProposals')}
        </button>
      </div>
      <ErrorBox error={error} />
      {proposal && (
        <p role="status">
          {t('proposalBuilt', { n: proposal.allocations.length })} <a href="/meetings">{t('toMeetings')}</a>
        </p>
      )}
      <div class="table-wrap">
        <table>
          <caption>{t('runAllocations', { n: run.allocations.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needTitle')}</th>
              <th scope="col">{t('offerTitle')}</th>
              <th scope="col" class="num">{t('amount')}</th>
            </tr>
          </thead>
          <tbody>
            {allocationRows.rows.map((a) => (
              <tr key={`${a.need}-${a.offer}`}>
                <td>
                  <RecordLink href={`/needs/${a.need}`} name={shown.needs.get(a.need)} />
                </td>
                <td>
                  <RecordLink href={`/offers/${a.offer}`} name={shown.offers.get(a.offer)} />
                </td>
                <td class="num">{formatMoney(a.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager page={allocationRows.page} pages={allocationRows.pages} go={setAllocationPage} label={t('runAllocationsPages')} />
      <div class="table-wrap">
        <table>
          <caption>{t('shadowPrices')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offerTitle')}</th>
              <th scope="col" class="num">{t('shadowPrice')}</th>
            </tr>
          </thead>
          <tbody>
            {offerRows.rows.map((o) => (
              <tr key={o.offer}>
                <td>
                  <RecordLink href={`/offers/${o.offer}`} name={shown.offers.get(o.offer)} />
                </td>
                <td class="num">{formatNumber(o.shadow_price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager page={offerRows.page} pages={offerRows.pages} go={setOfferPage} label={t('shadowPricePages')} />
      <p class="note">{t('shadowPriceNote')}</p>
      <div class="table-wrap">
        <table>
          <caption>{t('uncoveredNeeds', { n: uncovered.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needTitle')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('bindingOffers')}</th>
            </tr>
          </thead>
          <tbody>
            {uncoveredRows.rows.map((n) => (
              <tr key={n.need}>
                <td>
                  <RecordLink href={`/needs/${n.need}`} name={shown.needs.get(n.need)} />
                </td>
                <td>{reasonText(n.reason)}</td>
                <td>
                  {(n.offers ?? []).length === 0
                    ? '—'
                    : (n.offers ?? []).map((offer, index) => (
                        <span key={offer}>
                          {index > 0 && ', '}
                          <RecordLink href={`/offers/${offer}`} name={shown.offers.get(offer)} />
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager page={uncoveredRows.page} pages={uncoveredRows.pages} go={setUncoveredPage} label={t('uncoveredPages')} />
    </article>
  );
}

export function MatchingPage({ id }: { id?: string }) {
  const [seconds, setSeconds] = useState('5');
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [run, runError] = useLoad(() => (id ? get<MatchingRun>(`/api/v1/matching-runs/${encodeURIComponent(id)}`) : Promise.resolve(null)), [id]);

  async function start(event: Event) {
    event.preventDefault();
    setError(null);
    setRunning(true);
    try {
      const created = await post<MatchingRun>('/api/v1/matching-runs', { time_limit: Number(seconds) });
      rememberRun(created.id);
      navigate(`/matching/${created.id}`);
    } catch (failure) {
      setError(failure);
    } finally {
      setRunning(false);
    }
  }
  const recent = rememberedRuns();
  return (
    <section>
      <PageTitle k="navMatching" />
      <form class="form inline" onSubmit={start}>
        <Field label={t('timeLimit')} id="time-limit">
          <input id="time-limit" type="number" min="1" max="60" step="1" value={seconds} onInput={(e) => setSeconds((e.target as HTMLInputElement).value)} />
        </Field>
        <div class="buttons">
          <button type="submit" disabled={running}>
            {running ? t('running') : t('runMatching')}
          </button>
        </div>
      </form>
      <ErrorBox error={error} />
      {recent.length > 0 && (
        <nav aria-label={t('recentRuns')} class="recent">
          <h2>{t('recentRuns')}</h2>
          <ul>
            {recent.map((r) => (
              <li key={r}>
                <a href={`/matching/${r}`} class="mono" aria-current={r === id ? 'page' : undefined}>
                  {shortId(r)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <ErrorBox error={runError} />
      {id && !run && !runError && <p>{t('loading')}</p>}
      {run && <RunView key={run.id} run={run} />}
    </section>
  );
}
