import { get } from '../api';
import { formatMoney, formatNumber, t, term } from '../i18n';
import { PageTitle, useLoad } from '../components';

type Summary = Record<string, unknown>;

// Renders the public summary whatever its exact shape: numbers as figures,
// lists of {key, ...} as tables; money where the field name says EUR.
function Value({ name, value }: { name: string; value: unknown }) {
  if (value === null) return <>{t('suppressed')}</>;
  if (typeof value === 'number') {
    return <>{/amount|needed|committed|delivered|gap|eur|budget/i.test(name) ? formatMoney(value) : formatNumber(value)}</>;
  }
  return <>{String(value)}</>;
}

export function PublicPage() {
  const [summary, error] = useLoad(() => get<Summary>('/api/v1/public/summary'), []);
  return (
    <section>
      <PageTitle k="publicTitle" />
      <p class="intro">{t('publicIntro')}</p>
      {error ? <p class="note">{t('publicUnavailable')}</p> : null}
      {!summary && !error && <p>{t('loading')}</p>}
      {summary && (
        <>
          <dl class="tiles">
            {Object.entries(summary)
              .filter(([, v]) => typeof v === 'number' || v === null)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{term(k.replace(/_/g, '-'))}</dt>
                  <dd><Value name={k} value={v} /></dd>
                </div>
              ))}
          </dl>
          {Object.entries(summary)
            .filter(([, v]) => Array.isArray(v))
            .map(([k, rows]) => {
              const items = rows as Record<string, unknown>[];
              const columns = items.length ? Object.keys(items[0]) : [];
              return (
                <div class="table-wrap" key={k}>
                  <table>
                    <caption>{term(k.replace(/_/g, '-'))}</caption>
                    <thead><tr>{columns.map((c) => <th scope="col" key={c}>{term(c)}</th>)}</tr></thead>
                    <tbody>
                      {items.map((row, i) => (
                        <tr key={i}>{columns.map((c) => <td key={c}><Value name={c} value={row[c]} /></td>)}</tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
        </>
      )}
    </section>
  );
}
