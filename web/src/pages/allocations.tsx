import { useState } from 'preact/hooks';
import { get, listAll, post, type Allocation, type Organisation, type Role } from '../api';
import { download, type Column } from '../csv';
import { toIatiXml } from '../iati';
import { formatDate, formatMoney, formatSize, locale, t, term } from '../i18n';
import { attachmentUrl, prepareAttachment, type AttachmentBody } from '../attachment';
import { organisationsOfKind, orgName, user } from '../session';
import { regionName } from '../vocab';
import { nameOfOffer, RecordNames } from '../titles';
import { allocationLabel } from '../meeting';
import { RecordHistory } from '../record_history';
import { ErrorBox, ExportButtons, Field, MoreButton, PageTitle, RecordLink, StatusBadge, TlpLabel, useLoad, usePagedList } from '../components';
import type { Key } from '../i18n';


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
    if (['committed', 'delivering'].includes(a.status)) return ['reports', 'assign'];
  }
  if (role === 'implementer' && a.implementer === org && ['committed', 'delivering'].includes(a.status)) return ['reports'];
  if (role === 'back_office' && ['committed', 'delivering'].includes(a.status)) return ['assign'];
  if ((role === 'beneficiary' || role === 'front_office') && a.status === 'delivered') return ['verify'];
  return [];
}

export function AllocationsPage() {
  const me = user.value!;
  // Page by page behind "More"; exports read every page of the same list.
  const paged = usePagedList<Allocation>('/api/v1/allocations', {}, []);
  const { list, error, reload } = paged;
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
          <ExportButtons name="allocations" columns={columns} load={(progress) => listAll<Allocation>('/api/v1/allocations', {}, progress)}>
            {me.role === 'donor' && (
              <button
                type="button"
                onClick={async () => {
                  try {
                    const all = await listAll<Allocation>('/api/v1/allocations', {});
                    download('commitments-iati.xml', iati(all, me.org), 'application/xml;charset=utf-8');
                  } catch (failure) {
                    setActionError(failure);
                  }
                }}
              >
                {t('exportIati')}
              </button>
            )}
          </ExportButtons>
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
                      <td><a href={`/allocations/${a.id}`}>{allocationLabel(a)}</a></td>
                      <td>{a.tlp && <TlpLabel tlp={a.tlp} />}</td>
                      <td><StatusBadge status={a.status} /></td>
                      <td>{orgName(a.offer_org)}</td>
                      <td>{a.need_summary?.region ? regionName(a.need_summary.region, lang) : '—'}</td>
                      <td class="num">{formatMoney(a.amount)}</td>
                      <td class="num">{a.percent ?? 0}</td>
                      <td>
                        <div class="buttons">
                          {allocationActions(me.role, a, me.org).filter((action) => action !== 'assign').map((action) => (
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
          <MoreButton paged={paged} label={t('moreAllocations')} />
        </>
      )}
    </section>
  );
}

// One allocation: its marking, its need as far as the reader may see it, the
// actions the reader's role may take, and its history (decisions, reports).
export function AllocationPage({ id }: { id: string }) {
  const me = user.value!;
  const [allocation, error, reload] = useLoad(() => get<Allocation>(`/api/v1/allocations/${encodeURIComponent(id)}`), [id]);
  const actions = allocation ? allocationActions(me.role, allocation, me.org) : [];
  const [implementers] = useLoad<Organisation[]>(
    () => (actions.includes('assign') ? organisationsOfKind('implementer') : Promise.resolve([])),
    [actions.includes('assign')],
  );
  const [implementer, setImplementer] = useState('');
  // The offer by its title where the reader may see it.
  const [offerName] = useLoad(
    () => (allocation ? new RecordNames().offer(allocation.offer).then((offer) => nameOfOffer(allocation.offer, offer)) : Promise.resolve(null)),
    [allocation?.offer, locale.value],
  );
  const [percent, setPercent] = useState('100');
  const [note, setNote] = useState('');
  const [milestone, setMilestone] = useState('');
  const [attachment, setAttachment] = useState<{ body: AttachmentBody; size: number } | null>(null);
  const [attachmentError, setAttachmentError] = useState<Key | null>(null);
  const [fileKey, setFileKey] = useState(0); // remounts the file input to clear it
  const [actionError, setActionError] = useState<unknown>(null);
  const lang = locale.value;

  async function choose(input: HTMLInputElement) {
    setAttachment(null);
    setAttachmentError(null);
    const file = input.files?.[0];
    if (!file) return;
    const prepared = prepareAttachment(file.name, new Uint8Array(await file.arrayBuffer()));
    if (prepared.ok) setAttachment({ body: prepared.attachment, size: prepared.size });
    else setAttachmentError(prepared.error);
  }
  function clearAttachment() {
    setAttachment(null);
    setAttachmentError(null);
    setFileKey((n) => n + 1);
  }

  async function act(action: string) {
    setActionError(null);
    try {
      const report: Record<string, unknown> = { percent: Number(percent), note };
      if (milestone) report.milestone = milestone;
      if (attachment) report.attachment = attachment.body;
      const body = action === 'reports' ? report : action === 'assign' ? { implementer } : {};
      await post(`/api/v1/allocations/${encodeURIComponent(id)}/${action}`, body);
      if (action === 'reports') {
        setNote('');
        setMilestone('');
        clearAttachment();
      }
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }
  if (error) return <ErrorBox error={error} />;
  if (!allocation) return <p>{t('loading')}</p>;
  const a = allocation;
  const summary = a.need_summary ?? {};
  const history = allocationHistory(a);
  const hasAttachments = (a.reports ?? []).some((r) => r.attachment);
  return (
    <article class="record">
      <PageTitle k="allocationTitle" />
      <h2 class="record-title">{summary.title ? <a href={`/needs/${a.need}`}>{summary.title}</a> : allocationLabel(a)}</h2>
      <p class="labels">
        {a.tlp && <TlpLabel tlp={a.tlp} />} <StatusBadge status={a.status} />
      </p>
      <dl class="facts">
        <dt>{t('donor')}</dt>
        <dd>{orgName(a.offer_org)}</dd>
        <dt>{t('offerTitle')}</dt>
        <dd><RecordLink href={`/offers/${a.offer}`} name={offerName ?? undefined} /></dd>
        <dt>{t('amount')}</dt>
        <dd>{formatMoney(a.amount)}</dd>
        <dt>{t('sector')}</dt>
        <dd>{summary.sector ? term(summary.sector) : '—'}</dd>
        <dt>{t('category')}</dt>
        <dd>{summary.category ? term(summary.category) : '—'}</dd>
        <dt>{t('region')}</dt>
        <dd>{summary.region ? regionName(summary.region, lang) : '—'}</dd>
        <dt>{t('implementer')}</dt>
        <dd>{a.implementer ? orgName(a.implementer) : '—'}</dd>
        <dt>{t('percent')}</dt>
        <dd>{a.percent ?? 0}</dd>
      </dl>
      {actions.length > 0 && (
        <section class="actions" aria-labelledby="allocation-actions">
          <h3 id="allocation-actions">{t('actions')}</h3>
          {actions.includes('assign') && (
            <div class="form inline">
              <Field label={t('implementer')} id="implementer">
                <select id="implementer" value={implementer} onChange={(e) => setImplementer((e.target as HTMLSelectElement).value)}>
                  <option value="">—</option>
                  {(implementers ?? []).map((o) => (
                    <option key={o.id} value={o.id}>{o.name}</option>
                  ))}
                </select>
              </Field>
              <div class="buttons">
                <button type="button" disabled={!implementer} onClick={() => act('assign')}>{t('allocation_assign')}</button>
              </div>
            </div>
          )}
          {actions.includes('reports') && (
            <div class="form inline">
              <Field label={t('percent')} id="report-percent">
                <input id="report-percent" type="number" min="0" max="100" value={percent} onInput={(e) => setPercent((e.target as HTMLInputElement).value)} />
              </Field>
              <Field label={t('note')} id="report-note">
                <input id="report-note" value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
              </Field>
              <Field label={t('milestone')} id="report-milestone">
                <input id="report-milestone" value={milestone} onInput={(e) => setMilestone((e.target as HTMLInputElement).value)} />
              </Field>
              <Field label={t('attachment')} id="report-attachment">
                <input
                  key={fileKey}
                  id="report-attachment"
                  type="file"
                  accept="application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"
                  aria-describedby="report-attachment-state"
                  onChange={(e) => choose(e.target as HTMLInputElement)}
                />
              </Field>
              <p id="report-attachment-state" role="status" class={attachmentError ? 'error' : 'note'}>
                {attachmentError ? t(attachmentError) : attachment ? t('attachmentReady', { name: attachment.body.name, size: formatSize(attachment.size) }) : ''}
              </p>
              <div class="buttons">
                {attachment && (
                  <button type="button" class="secondary" onClick={clearAttachment}>{t('attachmentRemove')}</button>
                )}
                <button type="button" disabled={!!attachmentError} onClick={() => act('reports')}>{t('allocation_reports')}</button>
              </div>
            </div>
          )}
          <div class="buttons">
            {actions.filter((action) => action !== 'assign' && action !== 'reports').map((action) => (
              <button type="button" key={action} onClick={() => act(action)}>
                {t(`allocation_${action}` as 'allocation_commit')}
              </button>
            ))}
          </div>
          <ErrorBox error={actionError} />
        </section>
      )}
      <section aria-labelledby="allocation-events">
        <h3 id="allocation-events">{t('decisionsAndReports')}</h3>
        <ol class="history">
          {history.map((event) => (
            <li key={event.key}>
              <time dateTime={event.time}>{formatDate(event.time)}</time> — {event.text}
            </li>
          ))}
        </ol>
        {hasAttachments && (
          <>
            <h4>{t('attachmentsTitle')}</h4>
            <ul class="attachments">
              {(a.reports ?? []).map(
                (r) =>
                  r.attachment && (
                    <li key={r.id}>
                      <a href={attachmentUrl(a.id, r.id)} download={r.attachment.name}>
                        {t('downloadAttachment', { name: r.attachment.name, size: formatSize(r.attachment.size) })}
                      </a>
                    </li>
                  ),
              )}
            </ul>
          </>
        )}
      </section>
      <RecordHistory kind="allocations" id={a.id} changed={a.updated_at} />
    </article>
  );
}

// The history lines of a record's allocations (a need's or an offer's), as
// far as the reader may see them.
export function AllocationEvents({ allocations }: { allocations: Allocation[] }) {
  const events = allocations
    .flatMap((allocation) => allocationHistory(allocation).map((event) => ({ allocation, event })))
    .sort((x, y) => x.event.time.localeCompare(y.event.time));
  return (
    <>
      {events.map(({ allocation: a, event }) => (
        <li key={`${a.id}-${event.key}`}>
          <time dateTime={event.time}>{formatDate(event.time)}</time> — <a href={`/allocations/${a.id}`}>{t('allocationOf', { amount: formatMoney(a.amount) })}</a>: {event.text}
        </li>
      ))}
    </>
  );
}

// The decisions and reports of a need's or an offer's allocations, beside the
// record's own history from the server; nothing when it has none.
export function AllocationEventsSection({ allocations }: { allocations: Allocation[] }) {
  if (allocations.length === 0) return null;
  return (
    <section aria-labelledby="allocation-events-title">
      <h3 id="allocation-events-title">{t('decisionsAndReports')}</h3>
      <ol class="history">
        <AllocationEvents allocations={allocations} />
      </ol>
    </section>
  );
}

interface HistoryEvent {
  key: string;
  time: string;
  text: string;
}

// The allocation's history as its reader sees it: creation, each decision
// (with reason; a correction says so) and each delivery report (with its
// milestone and attachment), oldest first.
export function allocationHistory(a: Allocation): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  if (a.created_at) events.push({ key: 'created', time: a.created_at, text: t('historyProposed') });
  for (const d of a.decisions ?? []) {
    const words = { decision: t(`decision_${d.decision}`), reason: d.reason || '—' };
    events.push({ key: d.id, time: d.created_at, text: t(d.corrects ? 'historyCorrection' : 'historyDecision', words) });
  }
  for (const r of a.reports ?? []) {
    if (!r.created_at) continue;
    const parts = [t('historyReport', { percent: r.percent, note: r.note || '—' })];
    if (r.milestone) parts.push(`${t('milestone')}: ${r.milestone}`);
    if (r.attachment) parts.push(t('historyAttachment', { name: r.attachment.name, size: formatSize(r.attachment.size) }));
    events.push({ key: r.id, time: r.created_at, text: parts.join('; ') });
  }
  if (a.updated_at && a.updated_at !== a.created_at) events.push({ key: 'updated', time: a.updated_at, text: t('historyNow', { status: term(a.status) }) });
  return events.sort((x, y) => x.time.localeCompare(y.time));
}
