import { useState } from 'preact/hooks';
import { get, post, type Role, type Tlp } from '../api';
import { download, exportCsv, exportHxl, type Column } from '../csv';
import { toIatiXml } from '../iati';
import { formatMoney, locale, t, term } from '../i18n';
import { orgName, user } from '../session';
import { regionName } from '../vocab';
import { ErrorBox, Field, PageTitle, StatusBadge, TlpLabel, useLoad } from '../components';

export interface Allocation {
  id: string;
  need: string;
  offer: string;
  offer_org: string;
  amount: number;
  status: string;
  tlp?: Tlp;
  percent?: number;
  updated_at?: string;
  implementer?: string;
  committing_org?: string;
  need_summary?: { title?: string; sector?: string; region?: string; category?: string; amount?: number };
}

const columns: Column<Allocation>[] = [
  { header: 'id', hxl: '#activity+id', value: (a) => a.id },
  { header: 'need', hxl: '#activity+need+id', value: (a) => a.need },
  { header: 'title', hxl: '#activity+name', value: (a) => a.need_summary?.title ?? '' },
  { header: 'donor', hxl: '#org+funder+name', value: (a) => orgName(a.offer_org) },
  { header: 'sector', hxl: '#sector+code', value: (a) => a.need_summary?.sector ?? '' },
  { header: 'region', hxl: '#adm1+code', value: (a) => a.need_summary?.region ?? '' },
  { header: 'amount_eur', hxl: '#value+committed+eur', value: (a) => a.amount },
  { header: 'status', hxl: '#status', value: (a) => a.status },
  { header: 'percent', hxl: '#indicator+progress+pct', value: (a) => a.percent ?? 0 },
];

// The donor's own commitments and disbursements as IATI 2.03 activities.
function iati(items: Allocation[], org: string): string {
  const own = items.filter((a) => a.offer_org === org);
  return toIatiXml(
    own.map((a) => ({ ...a, title: a.need_summary?.title, sector: a.need_summary?.sector, region: a.need_summary?.region })),
    { reportingOrgRef: `XM-TALLINN-${org}`, reportingOrgName: orgName(org), generatedAt: new Date().toISOString(), implementerName: orgName },
  );
}

// The actions a role may be offered on an allocation (access.md); the
// server decides.
export function allocationActions(role: Role, a: Allocation, org: string): string[] {
  if (role === 'donor' && a.offer_org === org) {
    if (a.status === 'approved') return ['commit', 'decline'];
    if (['committed', 'delivering'].includes(a.status)) return ['reports'];
  }
  if (role === 'implementer' && a.implementer === org && ['committed', 'delivering'].includes(a.status)) return ['reports'];
  if ((role === 'beneficiary' || role === 'front_office') && a.status === 'delivered') return ['verify'];
  return [];
}

export function AllocationsPage() {
  const me = user.value!;
  const [list, error, reload] = useLoad(() => get<{ items: Allocation[] }>('/api/v1/allocations'), []);
  const [percent, setPercent] = useState('50');
  const [note, setNote] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const lang = locale.value;

  async function act(a: Allocation, action: string) {
    setActionError(null);
    try {
      const body = action === 'reports' ? { percent: Number(percent), note } : {};
      await post(`/api/v1/allocations/${a.id}/${action}`, body);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }

  const items = list?.items ?? [];
  const reports = items.some((a) => allocationActions(me.role, a, me.org).includes('reports'));
  return (
    <section>
      <PageTitle k="navAllocations" />
      <ErrorBox error={error} />
      <ErrorBox error={actionError} />
      {!list && !error && <p>{t('loading')}</p>}
      {reports && (
        <div class="form inline">
          <Field label={t('percent')} id="percent">
            <input id="percent" type="number" min="0" max="100" value={percent} onInput={(e) => setPercent((e.target as HTMLInputElement).value)} />
          </Field>
          <Field label={t('note')} id="note">
            <input id="note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          </Field>
        </div>
      )}
      {list && (
        <>
          <div class="toolbar">
            <button type="button" onClick={() => download('allocations.csv', exportCsv(columns, items))}>{t('exportCsv')}</button>
            <button type="button" onClick={() => download('allocations-hxl.csv', exportHxl(columns, items))}>{t('exportHxl')}</button>
            {me.role === 'donor' && (
              <button type="button" onClick={() => download('commitments-iati.xml', iati(items, me.org), 'application/xml;charset=utf-8')}>
                {t('exportIati')}
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('needTitle')}</th>
                    <th scope="col">{t('tlp')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('organisation')}</th>
                    <th scope="col">{t('region')}</th>
                    <th scope="col" class="num">{t('amount')}</th>
                    <th scope="col" class="num">{t('percent')}</th>
                    <th scope="col">{t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id}>
                      <td>{a.need_summary?.title ? <a href={`/needs/${a.need}`}>{a.need_summary.title}</a> : term(a.need_summary?.sector ?? '—')}</td>
                      <td>{a.tlp && <TlpLabel tlp={a.tlp} />}</td>
                      <td><StatusBadge status={a.status} /></td>
                      <td>{orgName(a.offer_org)}</td>
                      <td>{a.need_summary?.region ? regionName(a.need_summary.region, lang) : '—'}</td>
                      <td class="num">{formatMoney(a.amount)}</td>
                      <td class="num">{a.percent ?? 0}</td>
                      <td>
                        <div class="buttons">
                          {allocationActions(me.role, a, me.org).map((action) => (
                            <button type="button" key={action} onClick={() => act(a, action)}>
                              {t(`allocation_${action}` as 'allocation_commit')}
                            </button>
                          ))}
                        </div>
                      </td>
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
