import { useMemo, useState } from 'preact/hooks';
import { list, listAll, type Need } from '../api';
import { type Column } from '../csv';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { orgName } from '../session';
import { CATEGORIES, REGIONS, SECTORS, STATUSES, regionName } from '../vocab';
import { ErrorBox, Pager, ExportButtons, Field, PageTitle, Select, StatusBadge, TlpLabel, useLoad } from '../components';

const PAGE_SIZE = 25;

export const needColumns: Column<Need>[] = [
  { header: 'id', hxl: '#activity+id', value: (n) => n.id },
  { header: 'title', hxl: '#activity+name', value: (n) => n.title },
  { header: 'organisation', hxl: '#org+name', value: (n) => orgName(n.org) },
  { header: 'sector', hxl: '#sector+code', value: (n) => n.sector },
  { header: 'category', hxl: '#item+type', value: (n) => n.category },
  { header: 'region', hxl: '#adm1+code', value: (n) => n.region },
  { header: 'amount_eur', hxl: '#value+needed+eur', value: (n) => n.amount },
  { header: 'priority', hxl: '#priority', value: (n) => n.priority },
  { header: 'status', hxl: '#status', value: (n) => n.status },
  { header: 'tlp', hxl: '#meta+tlp', value: (n) => n.tlp },
  { header: 'created_at', hxl: '#date+created', value: (n) => n.created_at },
];

interface Filters {
  status: string;
  sector: string;
  region: string;
  category: string;
  q: string;
}

export function NeedsPage() {
  const empty: Filters = { status: '', sector: '', region: '', category: '', q: '' };
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error] = useLoad<Page<Need>>(
    () => list<Need>('/api/v1/needs', { ...filters, limit: PAGE_SIZE, cursor }),
    [JSON.stringify(filters), cursor],
  );
  const lang = locale.value;

  function apply(event: Event) {
    event.preventDefault();
    pager.reset();
    setCursor(null);
    setFilters({ ...draft });
  }
  const set = (key: keyof Filters) => (value: string) => setDraft({ ...draft, [key]: value });

  return (
    <section>
      <PageTitle k="navNeeds" />
      <form class="filters" onSubmit={apply} aria-label={t('filters')}>
        <Field label={t('status')} id="f-status">
          <Select id="f-status" value={draft.status} options={STATUSES} onChange={set('status')} anyLabel={t('any')} />
        </Field>
        <Field label={t('sector')} id="f-sector">
          <Select id="f-sector" value={draft.sector} options={SECTORS} onChange={set('sector')} anyLabel={t('any')} />
        </Field>
        <Field label={t('region')} id="f-region">
          <Select id="f-region" value={draft.region} options={REGIONS.map((r) => r.code)} display={(c) => regionName(c, lang)} onChange={set('region')} anyLabel={t('any')} />
        </Field>
        <Field label={t('category')} id="f-category">
          <Select id="f-category" value={draft.category} options={CATEGORIES} onChange={set('category')} anyLabel={t('any')} />
        </Field>
        <Field label={t('search')} id="f-q">
          <input id="f-q" type="search" value={draft.q} onInput={(e) => set('q')((e.target as HTMLInputElement).value)} />
        </Field>
        <div class="buttons">
          <button type="submit">{t('apply')}</button>
        </div>
      </form>
      <ErrorBox error={error} />
      {!page && !error && <p>{t('loading')}</p>}
      {page && (
        <>
          <ExportButtons name="needs" columns={needColumns} load={(progress) => listAll<Need>('/api/v1/needs', { ...filters }, progress)} />
          {page.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('tlp')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('sector')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col" class="num">{t('amount')}</th>
                    <th scope="col" class="num">{t('priority')}</th>
                    <th scope="col">{t('created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((need) => (
                    <tr key={need.id}>
                      <td>
                        <a href={`/needs/${need.id}`}>{need.title}</a>
                      </td>
                      <td>
                        <TlpLabel tlp={need.tlp} />
                      </td>
                      <td>
                        <StatusBadge status={need.status} />
                      </td>
                      <td>{term(need.sector)}</td>
                      <td>{regionName(need.region, lang)}</td>
                      <td class="num">{formatMoney(need.amount)}</td>
                      <td class="num">{need.priority}</td>
                      <td class="date">{formatDate(need.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager pager={pager} page={page} go={setCursor} />
        </>
      )}
    </section>
  );
}
