// Coverage and gaps: a map of Ukraine's regions shaded by the chosen figure
// (the unfunded gap by default), charts by sector, category and priority
// (Chart.js, loaded as its own chunk), the unfunded critical needs and the
// donors' portfolios. Everything comes from the API under the reader's
// access; observers get suppressed cells.
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api';
import { cellValue, loadCoverage, shade, METRICS, type Coverage, type CoverageCell, type Dimension, type Metric } from '../coverage';
import { type Column } from '../csv';
import { formatMoney, formatNumber, locale, t, term, type Key } from '../i18n';
import { MAP_HEIGHT, MAP_WIDTH, OBLAST_PATHS, SEVASTOPOL } from '../oblast_paths';
import { orgName, user } from '../session';
import { REGIONS, SECTORS, regionName } from '../vocab';
import { ErrorBox, ExportButtons, FilterBar, PageTitle, useLoad } from '../components';
import { emptyFilters, matchesFilters, type FilterField, type FilterValues } from '../filters';

const METRIC_KEYS: Record<Metric, Key> = { gap: 'gap', needed: 'needed', committed: 'committed', delivered: 'delivered', count: 'count' };

function cellText(cell: CoverageCell | undefined, metric: Metric): string {
  if (!cell) return metric === 'count' ? formatNumber(0) : formatMoney(0);
  if (cell.suppressed) return t('suppressed');
  return metric === 'count' ? formatNumber(cell.count ?? 0) : formatMoney(cell[metric] ?? 0);
}

// Kyiv city is drawn after (over) Kyiv oblast, which surrounds it.
const DRAW_ORDER = Object.keys(OBLAST_PATHS).sort((a, b) => (a === 'UA-30' ? 1 : b === 'UA-30' ? -1 : a.localeCompare(b)));

export function RegionMap({ coverage, metric }: { coverage: Coverage; metric: Metric }) {
  const lang = locale.value;
  const byKey = new Map(coverage.cells.map((c) => [c.key, c]));
  const max = Math.max(0, ...coverage.cells.map((c) => cellValue(c, metric)));
  const fill = (code: string) => {
    const cell = byKey.get(code);
    if (cell?.suppressed) return undefined; // hatched by CSS
    return `rgba(0, 87, 183, ${shade(cell ? cellValue(cell, metric) : 0, max).toFixed(3)})`;
  };
  const label = (code: string) => `${regionName(code, lang)}: ${cellText(byKey.get(code), metric)}`;
  return (
    <>
    <svg class="map" viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`} role="img" aria-labelledby="map-title map-desc">
      <title id="map-title">{t('coverageMap')}</title>
      <desc id="map-desc">{t('coverageLegend', { metric: t(METRIC_KEYS[metric]) })}</desc>
      {DRAW_ORDER.map((code) => (
        <path key={code} d={OBLAST_PATHS[code]} class={byKey.get(code)?.suppressed ? 'region suppressed' : 'region'} fill={fill(code)} data-region={code}>
          <title>{label(code)}</title>
        </path>
      ))}
      <circle cx={SEVASTOPOL.x} cy={SEVASTOPOL.y} r={5} class={byKey.get('UA-40')?.suppressed ? 'region suppressed' : 'region'} fill={fill('UA-40')} data-region="UA-40">
        <title>{label('UA-40')}</title>
      </circle>
    </svg>
    <table class="sr-table">
      <caption>{t('coverageMap')}</caption>
      <tbody>
        {coverage.cells.map((c) => (
          <tr key={c.key}>
            <th scope="row">{regionName(c.key, lang)}</th>
            <td>{cellText(c, metric)}</td>
          </tr>
        ))}
      </tbody>
    </table>
    </>
  );
}

function BarChart({ coverage, label, metric, display }: { coverage: Coverage; label: string; metric: Metric; display: (key: string) => string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let live = true;
    import('../chart').then(({ barChart }) => {
      if (!live || !canvas.current) return;
      chart = barChart(canvas.current, {
        labels: coverage.cells.map((c) => display(c.key)),
        values: coverage.cells.map((c) => cellValue(c, metric)),
        label: t(METRIC_KEYS[metric]),
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [coverage, metric, locale.value]);
  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={label} />
      </div>
      <table class="sr-table">
        <caption>{label}</caption>
        <tbody>
          {coverage.cells.map((c) => (
            <tr key={c.key}>
              <th scope="row">{display(c.key)}</th>
              <td>{cellText(c, metric)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const DIMENSIONS: { by: Dimension; label: Key }[] = [
  { by: 'sector', label: 'bySector' },
  { by: 'category', label: 'byCategory' },
  { by: 'priority', label: 'byPriority' },
];

interface Unfunded {
  need: string;
  title: string;
  sector: string;
  region: string;
  category: string;
  priority: number;
  amount: number;
  committed: number;
  gap: number;
}

const unfundedColumns: Column<Unfunded>[] = [
  { header: 'need', hxl: '#activity+id', value: (n) => n.need },
  { header: 'title', hxl: '#activity+name', value: (n) => n.title },
  { header: 'sector', hxl: '#sector+code', value: (n) => n.sector },
  { header: 'category', hxl: '#item+type', value: (n) => n.category },
  { header: 'region', hxl: '#adm1+code', value: (n) => n.region },
  { header: 'priority', hxl: '#priority', value: (n) => n.priority },
  { header: 'amount_eur', hxl: '#value+needed+eur', value: (n) => n.amount },
  { header: 'committed_eur', hxl: '#value+committed+eur', value: (n) => n.committed },
  { header: 'gap_eur', hxl: '#value+gap+eur', value: (n) => n.gap },
];

const coverageColumns = (by: Dimension): Column<CoverageCell>[] => [
  { header: by, hxl: by === 'region' ? '#adm1+code' : by === 'sector' ? '#sector+code' : `#meta+${by}`, value: (c) => c.key },
  { header: 'needed_eur', hxl: '#value+needed+eur', value: (c) => (c.suppressed ? 'suppressed' : c.needed) },
  { header: 'committed_eur', hxl: '#value+committed+eur', value: (c) => (c.suppressed ? 'suppressed' : c.committed) },
  { header: 'delivered_eur', hxl: '#value+delivered+eur', value: (c) => (c.suppressed ? 'suppressed' : c.delivered) },
  { header: 'gap_eur', hxl: '#value+gap+eur', value: (c) => (c.suppressed ? 'suppressed' : c.gap) },
  { header: 'count', hxl: '#meta+count', value: (c) => (c.suppressed ? 'suppressed' : c.count) },
];

function UnfundedList() {
  const [list, error] = useLoad(() => get<{ items: Unfunded[] }>('/api/v1/coverage/unfunded'), []);
  const lang = locale.value;
  const fields: FilterField[] = [
    { key: 'sector', label: t('sector'), options: SECTORS, anyLabel: t('any') },
    { key: 'region', label: t('region'), options: REGIONS.map((r) => r.code), display: (c) => regionName(c, lang), anyLabel: t('any') },
  ];
  const [filters, setFilters] = useState<FilterValues>(() => emptyFilters(fields));
  const items = (list?.items ?? []).filter((n) => matchesFilters(n, filters));
  return (
    <section aria-labelledby="unfunded-title">
      <h2 id="unfunded-title">{t('unfundedCritical')}</h2>
      <FilterBar prefix="u" fields={fields} values={filters} onChange={setFilters} />
      <ErrorBox error={error} />
      {list && (
        <>
          <ExportButtons name="unfunded-critical" columns={unfundedColumns} load={() => Promise.resolve(items)} />
          {items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('sector')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col" class="num">{t('priority')}</th>
                    <th scope="col" class="num">{t('amount')}</th>
                    <th scope="col" class="num">{t('committed')}</th>
                    <th scope="col" class="num">{t('gap')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((n) => (
                    <tr key={n.need}>
                      <td>
                        <a href={`/needs/${n.need}`}>{n.title}</a>
                      </td>
                      <td>{term(n.sector)}</td>
                      <td>{regionName(n.region, lang)}</td>
                      <td class="num">{n.priority}</td>
                      <td class="num">{formatMoney(n.amount)}</td>
                      <td class="num">{formatMoney(n.committed)}</td>
                      <td class="num">{formatMoney(n.gap)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

export function CoveragePage() {
  const role = user.value?.role ?? null;
  const [metric, setMetric] = useState<Metric>('gap');
  const [map, error] = useLoad(() => loadCoverage('region', role), [role]);
  const [charts, setCharts] = useState<Partial<Record<Dimension, Coverage>>>({});
  const lang = locale.value;
  // One aggregate at a time, after the map: each sums every visible need on
  // the server, and asking for all at once only makes the first one late.
  useEffect(() => {
    if (!map) return;
    let live = true;
    (async () => {
      for (const d of DIMENSIONS) {
        const coverage = await loadCoverage(d.by, role).catch(() => null);
        if (!live) return;
        if (coverage) setCharts((old) => ({ ...old, [d.by]: coverage }));
      }
    })();
    return () => {
      live = false;
    };
  }, [map, role]);
  const metricField: FilterField[] = [{ key: 'metric', label: t('figure'), options: METRICS, display: (m) => t(METRIC_KEYS[m as Metric]) }];
  const display = (by: Dimension) => (key: string) => (by === 'region' ? regionName(key, lang) : by === 'priority' ? key : term(key));
  const offices = role === 'front_office' || role === 'back_office' || role === 'ua_authority';
  return (
    <section>
      <PageTitle k="coverageTitle" />
      <ErrorBox error={error} />
      <FilterBar prefix="coverage" fields={metricField} values={{ metric }} onChange={(values) => setMetric(values.metric as Metric)} />
      {map?.suppressedBelow && <p class="note">{t('suppressedNote')}</p>}
      <div class="dashboard">
        <figure class="map-figure">
          <figcaption>{t('coverageMap')}</figcaption>
          {map ? <RegionMap coverage={map} metric={metric} /> : <p>{t('loading')}</p>}
          <p class="legend">
            <span class="swatch light" aria-hidden="true" /> {t('less')} <span class="swatch dark" aria-hidden="true" /> {t('more')}{' '}
            <span class="swatch hatched" aria-hidden="true" /> {t('suppressed')}
          </p>
          <p class="attribution">{t('mapAttribution')}</p>
          {map && (
            <ExportButtons name="coverage-by-region" columns={coverageColumns('region')} load={() => Promise.resolve(map.cells)} />
          )}
        </figure>
        {DIMENSIONS.map((d) => {
          const coverage = charts[d.by];
          return coverage && <BarChart key={d.by} coverage={coverage} label={t(d.label)} metric={metric} display={display(d.by)} />;
        })}
      </div>
      {role !== 'observer' && charts.priority && <UnfundedList />}
      {offices && charts.priority && <Portfolios />}
    </section>
  );
}

interface Portfolio {
  org: string;
  offers: number;
  pledged: number;
  approved: number;
  committed: number;
  delivered: number;
}

const portfolioColumns: Column<Portfolio>[] = [
  { header: 'donor', hxl: '#org+funder+name', value: (p) => orgName(p.org) },
  { header: 'offers', hxl: '#meta+offers', value: (p) => p.offers },
  { header: 'pledged_eur', hxl: '#value+pledged+eur', value: (p) => p.pledged },
  { header: 'approved_eur', hxl: '#value+approved+eur', value: (p) => p.approved },
  { header: 'committed_eur', hxl: '#value+committed+eur', value: (p) => p.committed },
  { header: 'delivered_eur', hxl: '#value+delivered+eur', value: (p) => p.delivered },
];

// Donors' portfolios: every donor for the offices, the reader's own for a donor.
export function Portfolios() {
  const [list, error] = useLoad(() => get<{ items: Portfolio[] }>('/api/v1/coverage/donors'), []);
  const items = list?.items ?? [];
  return (
    <section aria-labelledby="portfolio-title">
      <h2 id="portfolio-title">{t('portfolioTitle')}</h2>
      <ErrorBox error={error} />
      {list && (
        <>
          <ExportButtons name="donor-portfolios" columns={portfolioColumns} load={() => Promise.resolve(items)} />
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('donor')}</th>
                  <th scope="col" class="num">{t('navOffers')}</th>
                  <th scope="col" class="num">{t('pledged')}</th>
                  <th scope="col" class="num">{t('approved')}</th>
                  <th scope="col" class="num">{t('committed')}</th>
                  <th scope="col" class="num">{t('delivered')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.org}>
                    <th scope="row">{orgName(p.org)}</th>
                    <td class="num">{formatNumber(p.offers)}</td>
                    <td class="num">{formatMoney(p.pledged)}</td>
                    <td class="num">{formatMoney(p.approved)}</td>
                    <td class="num">{formatMoney(p.committed)}</td>
                    <td class="num">{formatMoney(p.delivered)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

// A donor's own portfolio: its totals and its allocations.
export function PortfolioPage() {
  return (
    <section>
      <PageTitle k="navPortfolio" />
      <Portfolios />
      <p>
        <a href="/allocations">{t('navAllocations')}</a>
      </p>
    </section>
  );
}
