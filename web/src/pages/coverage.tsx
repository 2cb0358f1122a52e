import { useEffect, useRef, useState } from 'preact/hooks';
import { cellValue, loadCoverage, shade, type Coverage, type Dimension } from '../coverage';
import { formatMoney, formatNumber, locale, t, term, type Key } from '../i18n';
import { user } from '../session';
import { CATEGORIES, REGIONS, SECTORS, regionName } from '../vocab';
import { ErrorBox, PageTitle, useLoad } from '../components';

const TILE = 64;

function RegionMap({ coverage }: { coverage: Coverage }) {
  const lang = locale.value;
  const byKey = new Map(coverage.cells.map((c) => [c.key, c]));
  const max = Math.max(0, ...coverage.cells.map((c) => cellValue(c, coverage.countsOnly)));
  return (
    <svg class="map" viewBox={`0 0 ${TILE * 8 + 8} ${TILE * 6 + 8}`} role="img" aria-labelledby="map-title map-desc">
      <title id="map-title">{t('coverageMap')}</title>
      <desc id="map-desc">{t('coverageLegend')}</desc>
      {REGIONS.map((region) => {
        const cell = byKey.get(region.code);
        const value = cell ? cellValue(cell, coverage.countsOnly) : 0;
        const level = shade(value, max);
        const label = cell?.suppressed
          ? t('suppressed')
          : coverage.countsOnly
            ? formatNumber(cell?.count ?? 0)
            : formatMoney(cell?.gap ?? 0);
        const x = 4 + region.col * TILE;
        const y = 4 + region.row * TILE;
        return (
          <g key={region.code} class={cell?.suppressed ? 'tile suppressed' : 'tile'}>
            <title>{`${regionName(region.code, lang)}: ${label}`}</title>
            <rect x={x} y={y} width={TILE - 4} height={TILE - 4} rx={6} fill={`rgba(0, 87, 183, ${level.toFixed(3)})`} stroke="#334" />
            <text x={x + (TILE - 4) / 2} y={y + 24} text-anchor="middle" class={level > 0.55 ? 'light' : ''}>
              {regionName(region.code, lang).slice(0, 8)}
            </text>
            <text x={x + (TILE - 4) / 2} y={y + 44} text-anchor="middle" class={level > 0.55 ? 'light small' : 'small'}>
              {cell?.suppressed ? '<3' : coverage.countsOnly ? formatNumber(cell?.count ?? 0) : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

function BarChart({ coverage, label }: { coverage: Coverage; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let live = true;
    import('../chart').then(({ barChart }) => {
      if (!live || !canvas.current) return;
      chart = barChart(canvas.current, {
        labels: coverage.cells.map((c) => term(c.key)),
        values: coverage.cells.map((c) => cellValue(c, coverage.countsOnly)),
        label: coverage.countsOnly ? t('count') : t('gap'),
      });
    });
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [coverage, locale.value]);
  return (
    <figure class="chart">
      <figcaption>{label}</figcaption>
      <canvas ref={canvas} role="img" aria-label={label} />
      <table class="sr-table">
        <caption>{label}</caption>
        <tbody>
          {coverage.cells.map((c) => (
            <tr key={c.key}>
              <th scope="row">{term(c.key)}</th>
              <td>{c.suppressed ? t('suppressed') : coverage.countsOnly ? formatNumber(c.count ?? 0) : formatMoney(c.gap ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const DIMENSIONS: { by: Dimension; keys: readonly string[]; label: Key }[] = [
  { by: 'sector', keys: SECTORS, label: 'bySector' },
  { by: 'category', keys: CATEGORIES, label: 'byCategory' },
  { by: 'priority', keys: ['1', '2', '3', '4', '5'], label: 'byPriority' },
];

export function CoveragePage() {
  const role = user.value?.role ?? null;
  const [map, error] = useLoad(() => loadCoverage('region', REGIONS.map((r) => r.code), role), [role]);
  const [charts, setCharts] = useState<Record<string, Coverage>>({});
  useEffect(() => {
    for (const d of DIMENSIONS) {
      loadCoverage(d.by, d.keys, role).then(
        (coverage) => setCharts((old) => ({ ...old, [d.by]: coverage })),
        () => undefined,
      );
    }
  }, [role]);
  return (
    <section>
      <PageTitle k="coverageTitle" />
      <ErrorBox error={error} />
      {map?.countsOnly && <p class="note">{t('coverageFromCounts')}</p>}
      <p class="note">{t('suppressedNote')}</p>
      <div class="dashboard">
        <figure class="map-figure">
          <figcaption>{t('coverageMap')}</figcaption>
          {map ? <RegionMap coverage={map} /> : <p>{t('loading')}</p>}
          <p class="legend">{t('coverageLegend')}</p>
        </figure>
        {DIMENSIONS.map((d) => charts[d.by] && <BarChart key={d.by} coverage={charts[d.by]} label={t(d.label)} />)}
      </div>
    </section>
  );
}
