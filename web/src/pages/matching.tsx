// Matching (back office): run the engine over the published needs and open
// offers, read its explanation (per offer its shadow price, per uncovered
// need the reason) and turn the run into proposals for the coordination group.
import { useState } from 'preact/hooks';
import { get, post, type MatchingRun } from '../api';
import { navigate } from '../router';
import { formatDate, formatMoney, formatNumber, t, type Key } from '../i18n';
import { ErrorBox, Field, PageTitle, StatusBadge, useLoad } from '../components';
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

const shortId = (id: string) => id.slice(0, 8);

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
            {run.allocations.map((a) => (
              <tr key={`${a.need}-${a.offer}`}>
                <td>
                  <a href={`/needs/${a.need}`} class="mono">{shortId(a.need)}</a>
                </td>
                <td>
                  <a href={`/offers/${a.offer}`} class="mono">{shortId(a.offer)}</a>
                </td>
                <td class="num">{formatMoney(a.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
            {offers.map((o) => (
              <tr key={o.offer}>
                <td>
                  <a href={`/offers/${o.offer}`} class="mono">{shortId(o.offer)}</a>
                </td>
                <td class="num">{formatNumber(o.shadow_price)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
            {uncovered.map((n) => (
              <tr key={n.need}>
                <td>
                  <a href={`/needs/${n.need}`} class="mono">{shortId(n.need)}</a>
                </td>
                <td>{reasonText(n.reason)}</td>
                <td>{(n.offers ?? []).map(shortId).join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
