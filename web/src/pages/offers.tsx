import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, list, listAll, patch, post, type Allocation, type Ledger, type Offer } from '../api';
import { AllocationEventsSection } from './allocations';
import { RecordHistory } from '../record_history';
import { allocationLabel } from '../meeting';
import { type Column } from '../csv';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { navigate } from '../router';
import { orgName, user } from '../session';
import { CATEGORIES, REGIONS, SECTORS, TLPS, mayEditOffer, regionName } from '../vocab';
import { ErrorBox, Pager, ExportButtons, Field, MoreButton, PageTitle, Select, StatusBadge, TlpLabel, useLoad, usePagedList } from '../components';

const offerColumns: Column<Offer>[] = [
  { header: 'id', hxl: '#activity+id', value: (o) => o.id },
  { header: 'title', hxl: '#activity+name', value: (o) => o.title },
  { header: 'donor', hxl: '#org+funder+name', value: (o) => orgName(o.org) },
  { header: 'budget_eur', hxl: '#value+offered+eur', value: (o) => o.budget },
  { header: 'sectors', hxl: '#sector+code', value: (o) => o.sectors.join(' ') },
  { header: 'regions', hxl: '#adm1+code', value: (o) => o.regions.join(' ') },
  { header: 'status', hxl: '#status', value: (o) => o.status },
  { header: 'tlp', hxl: '#meta+tlp', value: (o) => o.tlp },
];

export function OffersPage() {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error] = useLoad<Page<Offer>>(() => list<Offer>('/api/v1/offers', { limit: 25, cursor }), [cursor]);
  return (
    <section>
      <PageTitle k="offersTitle" />
      <ErrorBox error={error} />
      {!page && !error && <p>{t('loading')}</p>}
      {page && (
        <>
          <ExportButtons name="offers" columns={offerColumns} load={(progress) => listAll<Offer>('/api/v1/offers', {}, progress)} />
          {page.items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('title')}</th>
                    <th scope="col">{t('tlp')}</th>
                    <th scope="col">{t('organisation')}</th>
                    <th scope="col" class="num">{t('budget')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">{t('created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((offer) => (
                    <tr key={offer.id}>
                      <td><a href={`/offers/${offer.id}`}>{offer.title}</a></td>
                      <td><TlpLabel tlp={offer.tlp} /></td>
                      <td>{orgName(offer.org)}</td>
                      <td class="num">{formatMoney(offer.budget)}</td>
                      <td><StatusBadge status={offer.status} /></td>
                      <td class="date">{formatDate(offer.created_at)}</td>
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

// The ledger's lines, in the order money moves through them.
const LEDGER_LINES = ['pledged', 'approved', 'committed', 'delivered', 'verified', 'remaining'] as const;

// An offer's sums in its own currency and the allocations behind them, for
// the offices and the offer's donor (the API refuses everyone else, and the
// section is then left out).
function OfferLedger({ offer, allocations }: { offer: Offer; allocations: Allocation[] }) {
  const [ledger] = useLoad(() => get<Ledger>(`/api/v1/offers/${encodeURIComponent(offer.id)}/ledger`).catch(() => null), [offer.id, offer.version]);
  const lang = locale.value;
  if (!ledger) return null;
  return (
    <section aria-labelledby="ledger-title">
      <h3 id="ledger-title">{t('offerLedger', { currency: ledger.currency })}</h3>
      <p class="labels"><TlpLabel tlp={offer.tlp} /></p>
      <dl class="facts ledger">
        {LEDGER_LINES.map((line) => (
          <div key={line} data-line={line}>
            <dt>{t(line)}</dt>
            <dd>{formatMoney(ledger[line], lang, ledger.currency)}</dd>
          </div>
        ))}
      </dl>
      <p class="note">{t('ledgerNote')}</p>
      {allocations.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('offerAllocations', { n: allocations.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('needTitle')}</th>
                <th scope="col">{t('tlp')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col" class="num">{t('amount')}</th>
                <th scope="col" class="num">{t('offerAmount')}</th>
                <th scope="col" class="num">{t('percent')}</th>
              </tr>
            </thead>
            <tbody>
              {allocations.map((a) => (
                <tr key={a.id}>
                  <td><a href={`/allocations/${a.id}`}>{allocationLabel(a)}</a></td>
                  <td>{a.tlp && <TlpLabel tlp={a.tlp} />}</td>
                  <td><StatusBadge status={a.status} /></td>
                  <td class="num">{formatMoney(a.amount, lang)}</td>
                  <td class="num">{a.offer_amount !== undefined && a.currency ? formatMoney(a.offer_amount, lang, a.currency) : '—'}</td>
                  <td class="num">{a.percent ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function OfferPage({ id }: { id: string }) {
  const me = user.value!;
  const [offer, error] = useLoad(() => get<Offer>(`/api/v1/offers/${encodeURIComponent(id)}`), [id]);
  // Its allocations page by page ("More"); a refusal just leaves them out.
  const allocations = usePagedList<Allocation>('/api/v1/allocations', { offer: id }, [id]);
  const lang = locale.value;
  if (error) return <ErrorBox error={error} />;
  if (!offer) return <p>{t('loading')}</p>;
  const currency = offer.currency ?? 'EUR';
  return (
    <article class="record">
      <PageTitle k="offerTitle" />
      <h2 class="record-title">{offer.title}</h2>
      <p class="labels"><TlpLabel tlp={offer.tlp} /> <StatusBadge status={offer.status} /></p>
      <dl class="facts">
        <dt>{t('organisation')}</dt><dd>{orgName(offer.org)}</dd>
        <dt>{t('budget')}</dt><dd>{formatMoney(offer.budget, lang, currency)}</dd>
        <dt>{t('sectors')}</dt><dd>{offer.sectors.map((s) => term(s)).join(', ') || '—'}</dd>
        <dt>{t('regions')}</dt><dd>{offer.regions.map((r) => regionName(r, lang)).join(', ') || '—'}</dd>
        <dt>{t('categories')}</dt><dd>{offer.categories.map((c) => term(c)).join(', ') || '—'}</dd>
      </dl>
      <h3>{t('description')}</h3>
      <p class="description">{offer.description}</p>
      {mayEditOffer(me.role, offer.org === me.org) && (
        <p><a class="button" href={`/offers/${offer.id}/edit`}>{t('edit')}</a></p>
      )}
      <OfferLedger offer={offer} allocations={allocations.list?.items ?? []} />
      <MoreButton paged={allocations} label={t('moreAllocations')} />
      <AllocationEventsSection allocations={allocations.list?.items ?? []} />
      <RecordHistory kind="offers" id={offer.id} changed={offer.version} />
    </article>
  );
}

function MultiSelect({ id, values, options, onChange, display }: {
  id: string; values: string[]; options: readonly string[]; onChange: (v: string[]) => void; display: (v: string) => string;
}) {
  return (
    <select id={id} multiple size={6} onChange={(e) => onChange(Array.from((e.target as HTMLSelectElement).selectedOptions, (o) => o.value))}>
      {options.map((o) => (
        <option key={o} value={o} selected={values.includes(o)}>{display(o)}</option>
      ))}
    </select>
  );
}

export function OfferFormPage({ id }: { id?: string }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [budget, setBudget] = useState('');
  const [sectors, setSectors] = useState<string[]>([]);
  const [regions, setRegions] = useState<string[]>([]);
  const [categories, setCategories] = useState<string[]>([]);
  const [tlp, setTlp] = useState('AMBER');
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const lang = locale.value;
  useEffect(() => {
    if (!id) return;
    get<Offer>(`/api/v1/offers/${encodeURIComponent(id)}`).then((o) => {
      setTitle(o.title); setDescription(o.description); setBudget(String(o.budget)); setSectors(o.sectors);
      setRegions(o.regions); setCategories(o.categories); setTlp(o.tlp); setVersion(o.version);
    }, setError);
  }, [id]);
  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    const body = { title, description, budget: Number(budget), sectors, regions, categories, tlp };
    try {
      const saved = id
        ? await patch<Offer>(`/api/v1/offers/${encodeURIComponent(id)}`, { ...body, version })
        : await post<Offer>('/api/v1/offers', body);
      navigate(`/offers/${saved.id}`);
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <section>
      <PageTitle k={id ? 'editOfferTitle' : 'newOfferTitle'} />
      <form class="form" onSubmit={submit}>
        <Field label={t('title')} id="title"><input id="title" required maxLength={200} value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} /></Field>
        <Field label={t('description')} id="description"><textarea id="description" rows={3} value={description} onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)} /></Field>
        <Field label={t('budget')} id="budget"><input id="budget" type="number" min="0" step="0.01" required value={budget} onInput={(e) => setBudget((e.target as HTMLInputElement).value)} /></Field>
        <Field label={t('sectors')} id="sectors"><MultiSelect id="sectors" values={sectors} options={SECTORS} onChange={setSectors} display={(v) => term(v)} /></Field>
        <Field label={t('regions')} id="regions"><MultiSelect id="regions" values={regions} options={REGIONS.map((r) => r.code)} onChange={setRegions} display={(c) => regionName(c, lang)} /></Field>
        <Field label={t('categories')} id="categories"><MultiSelect id="categories" values={categories} options={CATEGORIES} onChange={setCategories} display={(v) => term(v)} /></Field>
        <Field label={t('tlp')} id="tlp"><Select id="tlp" value={tlp} options={TLPS} display={(v) => v} onChange={setTlp} /></Field>
        <ErrorBox error={error} />
        <div class="buttons">
          <button type="submit">{id ? t('save') : t('create')}</button>
          <a class="button secondary" href={id ? `/offers/${id}` : '/offers'}>{t('cancel')}</a>
        </div>
      </form>
    </section>
  );
}
