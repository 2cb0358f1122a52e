import { useMemo, useState } from 'preact/hooks';
import { list, listAll, type Need } from '../api';
import { type Column } from '../csv';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { orgName } from '../session';
import { CATEGORIES, REGIONS, SECTORS, STATUSES, regionName } from '../vocab';
import { ErrorBox, Pager, ExportButtons, FilterBar, PageTitle, StatusBadge, TlpLabel, useLoad } from '../components';
import { activeFilters, emptyFilters, type FilterField, type FilterValues } from '../filters';

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

export function NeedsPage() {
  const lang = locale.value;
  const fields: FilterField[] = [
    { key: 'status', label: t('status'), options: STATUSES, anyLabel: t('any') },
    { key: 'sector', label: t('sector'), options: SECTORS, anyLabel: t('any') },
    { key: 'region', label: t('region'), options: REGIONS.map((r) => r.code), display: (c) => regionName(c, lang), anyLabel: t('any') },
    { key: 'category', label: t('category'), options: CATEGORIES, anyLabel: t('any') },
    { key: 'q', label: t('search'), kind: 'search' },
  ];
  const [draft, setDraft] = useState<FilterValues>(() => emptyFilters(fields));
  const [filters, setFilters] = useState<FilterValues>(() => emptyFilters(fields));
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error] = useLoad<Page<Need>>(
    () => list<Need>('/api/v1/needs', { ...activeFilters(filters), limit: PAGE_SIZE, cursor }),
    [JSON.stringify(filters), cursor],
  );

  function apply() {
    pager.reset();
    setCursor(null);
    setFilters({ ...draft });
  }

  return (
    <section>
      <PageTitle k="navNeeds" />
      <FilterBar prefix="f" fields={fields} values={draft} onChange={setDraft} onSubmit={apply} />
      <ErrorBox error={error} />
      {!page && !error && <p>{t('loading')}</p>}
      {page && (
        <>
          <ExportButtons name="needs" columns={needColumns} load={(progress) => listAll<Need>('/api/v1/needs', activeFilters(filters), progress)} />
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
