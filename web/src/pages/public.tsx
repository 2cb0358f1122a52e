import { useMemo, useState } from 'preact/hooks';
import { get, type Tlp } from '../api';
import { toCell, type CoverageCell } from '../coverage';
import { formatMoney, formatNumber, locale, t, term } from '../i18n';
import { regionName } from '../vocab';
import { CursorPager, pageQuery } from '../paging';
import { PageTitle, Pager, StatusBadge, TlpLabel, useLoad } from '../components';

interface PublicNeed {
  id: string;
  title?: string;
  sector?: string;
  region?: string;
  category?: string;
  amount?: number;
  status?: string;
  tlp?: Tlp;
}
interface Summary {
  coverage?: { by?: string; items?: Record<string, unknown>[] };
  needs?: PublicNeed[];
  next?: string | null;
}

const PAGE_SIZE = 25;

const money = (value: number | null, cell: CoverageCell) => (cell.suppressed ? t('suppressed') : formatMoney(value ?? 0));

// What the mechanism has delivered and still needs: CLEAR records and
// suppressed aggregates only (GET /api/v1/public/summary, no sign-in). The
// CLEAR needs come a page at a time (?limit=&cursor=), never the whole list.
export function PublicPage() {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [summary, error] = useLoad(() => get<Summary>('/api/v1/public/summary' + pageQuery({ limit: PAGE_SIZE, cursor })), [cursor]);
  const needsPage = { items: summary?.needs ?? [], next: summary?.next ?? null };
  const lang = locale.value;
  const cells = (summary?.coverage?.items ?? []).map(toCell);
  const by = summary?.coverage?.by ?? 'sector';
  const label = (key: string) => (by === 'region' ? regionName(key, lang) : term(key));
  const totals = cells.reduce(
    (sum, c) => ({ needed: sum.needed + (c.needed ?? 0), delivered: sum.delivered + (c.delivered ?? 0), gap: sum.gap + (c.gap ?? 0) }),
    { needed: 0, delivered: 0, gap: 0 },
  );
  // Needs counted by the coverage cells; a suppressed cell hides its count,
  // so the figure is then a lower bound ("+").
  const counted = cells.reduce((sum, c) => sum + (c.suppressed ? 0 : c.count ?? 0), 0);
  const someSuppressed = cells.some((c) => c.suppressed);
  return (
    <section>
      <PageTitle k="publicTitle" />
      <p class="intro">{t('publicIntro')}</p>
      {error ? <p class="note">{t('publicUnavailable')}</p> : null}
      {!summary && !error && <p>{t('loading')}</p>}
      {summary && (
        <>
          <dl class="tiles">
            <div><dt>{t('totalNeeds')}</dt><dd>{formatNumber(counted) + (someSuppressed ? '+' : '')}</dd></div>
            <div><dt>{t('totalDelivered')}</dt><dd>{formatMoney(totals.delivered)}</dd></div>
            <div><dt>{t('totalNeeded')}</dt><dd>{formatMoney(totals.gap)}</dd></div>
          </dl>
          <p class="note">{t('suppressedNote')}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{by === 'region' ? t('region') : t('sector')}</th>
                  <th scope="col" class="num">{t('needed')}</th>
                  <th scope="col" class="num">{t('committed')}</th>
                  <th scope="col" class="num">{t('delivered')}</th>
                  <th scope="col" class="num">{t('gap')}</th>
                  <th scope="col" class="num">{t('count')}</th>
                </tr>
              </thead>
              <tbody>
                {cells.map((c) => (
                  <tr key={c.key} class={c.suppressed ? 'suppressed' : ''}>
                    <th scope="row">{label(c.key)}</th>
                    <td class="num">{money(c.needed, c)}</td>
                    <td class="num">{money(c.committed, c)}</td>
                    <td class="num">{money(c.delivered, c)}</td>
                    <td class="num">{money(c.gap, c)}</td>
                    <td class="num">{c.suppressed ? t('suppressed') : formatNumber(c.count ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.needs && summary.needs.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption>{t('navNeeds')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('tlp')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('sector')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col" class="num">{t('amount')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.needs.map((n) => (
                    <tr key={n.id}>
                      <td>{n.title ?? '—'}</td>
                      <td>{n.tlp && <TlpLabel tlp={n.tlp} />}</td>
                      <td>{n.status && <StatusBadge status={n.status} />}</td>
                      <td>{n.sector ? term(n.sector) : '—'}</td>
                      <td>{n.region ? regionName(n.region, lang) : '—'}</td>
                      <td class="num">{typeof n.amount === 'number' ? formatMoney(n.amount) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager pager={pager} page={needsPage} go={setCursor} />
        </>
      )}
    </section>
  );
}
