import { useState } from 'preact/hooks';
import { get, post, type Allocation, type Need } from '../api';
import { AllocationEventsSection } from './allocations';
import { RecordHistory } from '../record_history';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { orgName, user } from '../session';
import { mayEditNeed, regionName, transitionsFor } from '../vocab';
import { ErrorBox, Field, MoreButton, PageTitle, StatusBadge, TlpLabel, useLoad, usePagedList } from '../components';

export function NeedPage({ id }: { id: string }) {
  const me = user.value!;
  const [need, error, reload] = useLoad(() => get<Need>(`/api/v1/needs/${encodeURIComponent(id)}`), [id]);
  // The need's allocations and money as far as the reader may see them
  // (the offices, the owner; a refusal just leaves the section out).
  const allocations = usePagedList<Allocation>('/api/v1/allocations', { need: id }, [id]);
  const [ledger] = useLoad(
    () => get<{ pledged: number; committed: number; delivered: number; verified: number; remaining: number }>(`/api/v1/needs/${encodeURIComponent(id)}/ledger`).catch(() => null),
    [id],
  );
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);

  async function move(to: string) {
    setActionError(null);
    try {
      const body: Record<string, string> = { to };
      if (reason) body.reason = reason;
      if (to === 'duplicate') body.duplicate_of = duplicateOf;
      await post(`/api/v1/needs/${encodeURIComponent(id)}/transition`, body);
      setReason('');
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }

  if (error) return <ErrorBox error={error} />;
  if (!need) return <p>{t('loading')}</p>;
  const moves = transitionsFor(me.role, need.status);
  const own = need.org === me.org;
  return (
    <article class="record">
      <PageTitle k="needTitle" />
      <h2 class="record-title">{need.title}</h2>
      <p class="labels">
        <TlpLabel tlp={need.tlp} /> <StatusBadge status={need.status} />
      </p>
      <dl class="facts">
        <NeedFactRows need={need} />
        <dt>{t('nationalPriority')}</dt>
        <dd>{need.national_priority ?? '—'}</dd>
        <dt>{t('divisible')}</dt>
        <dd>{need.divisible ? t('yes') : t('no')}</dd>
        {ledger && (
          <>
            <dt>{t('committed')}</dt>
            <dd>{formatMoney(ledger.committed)}</dd>
            <dt>{t('delivered')}</dt>
            <dd>{formatMoney(ledger.delivered)}</dd>
            <dt>{t('remaining')}</dt>
            <dd>{formatMoney(ledger.remaining)}</dd>
          </>
        )}
      </dl>
      <h3>{t('description')}</h3>
      <p class="description">{need.description}</p>
      {mayEditNeed(me.role, need.status, own) && (
        <p>
          <a class="button" href={`/needs/${need.id}/edit`}>
            {t('edit')}
          </a>
        </p>
      )}
      {moves.length > 0 && (
        <section class="actions" aria-labelledby="actions-title">
          <h3 id="actions-title">{t('actions')}</h3>
          <Field label={t('reason')} id="reason">
            <input id="reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
          </Field>
          {moves.includes('duplicate') && (
            <Field label={t('duplicateOf')} id="duplicate-of">
              <input id="duplicate-of" value={duplicateOf} onInput={(e) => setDuplicateOf((e.target as HTMLInputElement).value)} />
            </Field>
          )}
          <div class="buttons">
            {moves.map((to) => (
              <button type="button" key={to} data-to={to} onClick={() => move(to)}>
                {t('transitionTo', { state: term(to) })}
              </button>
            ))}
          </div>
          <ErrorBox error={actionError} />
        </section>
      )}
      <AllocationEventsSection allocations={allocations.list?.items ?? []} />
      <MoreButton paged={allocations} label={t('moreAllocations')} />
      <RecordHistory kind="needs" id={need.id} changed={need.version} />
    </article>
  );
}

// The facts every view of a need shows (organisation to priority).
export function NeedFactRows({ need }: { need: Need }) {
  return (
    <>
      <dt>{t('organisation')}</dt>
      <dd>{orgName(need.org)}</dd>
      <dt>{t('sector')}</dt>
      <dd>{term(need.sector)}</dd>
      <dt>{t('category')}</dt>
      <dd>{term(need.category)}</dd>
      <dt>{t('region')}</dt>
      <dd>{regionName(need.region, locale.value)}</dd>
      <dt>{t('amount')}</dt>
      <dd>{formatMoney(need.amount)}</dd>
      <dt>{t('priority')}</dt>
      <dd>{need.priority}</dd>
    </>
  );
}
