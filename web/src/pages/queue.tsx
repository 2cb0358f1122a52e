// The back office's validation queue: submitted needs, newest first, each
// with the duplicate candidates the server kept; a need under review is shown
// side by side with a candidate, and validated, rejected (with a reason),
// reclassified or marked duplicate from here.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, list, patch, post, type Need, type QueueItem } from '../api';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { orgName } from '../session';
import { CATEGORIES, SECTORS, regionName } from '../vocab';
import { NeedFactRows } from './need';
import { ErrorBox, Pager, Field, PageTitle, Select, StatusBadge, TlpLabel, useLoad } from '../components';

const PAGE_SIZE = 20;

function NeedFacts({ need }: { need: Need }) {
  return (
    <>
      <h3 class="record-title">
        <a href={`/needs/${need.id}`}>{need.title}</a>
      </h3>
      <p class="labels">
        <TlpLabel tlp={need.tlp} /> <StatusBadge status={need.status} />
      </p>
      <dl class="facts">
        <NeedFactRows need={need} />
        <dt>{t('created')}</dt>
        <dd>{formatDate(need.created_at)}</dd>
      </dl>
      <p class="description">{need.description}</p>
    </>
  );
}

function Review({ item, done }: { item: QueueItem; done: () => void }) {
  const [candidates, candidatesError] = useLoad(async () => {
    // The kept candidates first; if none were kept, rank now.
    const kept = item.possible_duplicates;
    const ranked = kept.length > 0 ? kept : (await get<{ items: { need: string; score: number }[] }>(`/api/v1/needs/${item.id}/duplicates`)).items;
    const needs = await Promise.all(ranked.map((c) => get<Need>(`/api/v1/needs/${c.need}`).then((need) => ({ need, score: c.score })).catch(() => null)));
    return needs.filter((c): c is { need: Need; score: number } => c !== null);
  }, [item.id]);
  const [shown, setShown] = useState(0);
  const [reason, setReason] = useState('');
  const [sector, setSector] = useState(item.sector);
  const [category, setCategory] = useState(item.category);
  const [priority, setPriority] = useState(String(item.priority));
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState('');

  async function run(action: () => Promise<unknown>, after: string) {
    setError(null);
    setMessage('');
    try {
      await action();
      setMessage(after);
      done();
    } catch (failure) {
      setError(failure);
    }
  }
  const transition = (to: string, extra: Record<string, string> = {}) =>
    run(() => post(`/api/v1/needs/${item.id}/transition`, { to, ...(reason ? { reason } : {}), ...extra }), t('saved'));
  const reclassify = () =>
    run(
      () => patch(`/api/v1/needs/${item.id}`, { version: item.version, sector, category, priority: Number(priority), ...(reason ? { reason } : {}) }),
      t('saved'),
    );
  const candidate = candidates?.[shown];
  // The review opens below the list: bring it into view for keyboard and screen-reader users.
  useEffect(() => {
    const heading = document.getElementById('review-title');
    heading?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  }, [item.id]);

  return (
    <section class="review" aria-labelledby="review-title">
      <h2 id="review-title" tabIndex={-1}>
        {t('reviewTitle')}
      </h2>
      <div class="compare">
        <div class="compare-side">
          <h3 class="side-label">{t('underReview')}</h3>
          <NeedFacts need={item} />
        </div>
        <div class="compare-side">
          <h3 class="side-label">{t('duplicateCandidate')}</h3>
          <ErrorBox error={candidatesError} />
          {!candidates && !candidatesError && <p>{t('loading')}</p>}
          {candidates && candidates.length === 0 && <p>{t('noDuplicates')}</p>}
          {candidates && candidates.length > 1 && (
            <Field label={t('candidate')} id="candidate">
              <select id="candidate" value={String(shown)} onChange={(e) => setShown(Number((e.target as HTMLSelectElement).value))}>
                {candidates.map((c, index) => (
                  <option key={c.need.id} value={String(index)}>
                    {t('candidateOption', { title: c.need.title, score: Math.round(c.score * 100) })}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {candidate && (
            <>
              <p class="score">{t('similarity', { score: Math.round(candidate.score * 100) })}</p>
              <NeedFacts need={candidate.need} />
            </>
          )}
        </div>
      </div>
      <div class="form">
        <Field label={t('reason')} id="review-reason">
          <input id="review-reason" value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
        </Field>
        <div class="buttons">
          <button type="button" onClick={() => transition('validated')}>
            {t('validate')}
          </button>
          <button type="button" disabled={!reason.trim()} onClick={() => transition('rejected')}>
            {t('reject')}
          </button>
          {candidate && (
            <button type="button" disabled={!reason.trim()} onClick={() => transition('duplicate', { duplicate_of: candidate.need.id })}>
              {t('markDuplicate')}
            </button>
          )}
        </div>
        <fieldset class="inline">
          <legend>{t('reclassify')}</legend>
          <Field label={t('sector')} id="re-sector">
            <Select id="re-sector" value={sector} options={SECTORS} onChange={setSector} />
          </Field>
          <Field label={t('category')} id="re-category">
            <Select id="re-category" value={category} options={CATEGORIES} onChange={setCategory} />
          </Field>
          <Field label={t('priority')} id="re-priority">
            <Select id="re-priority" value={priority} options={['1', '2', '3', '4', '5']} display={(p) => p} onChange={setPriority} />
          </Field>
          <div class="buttons">
            <button type="button" onClick={reclassify}>
              {t('saveClassification')}
            </button>
          </div>
        </fieldset>
        <p role="status">{message}</p>
        <ErrorBox error={error} />
      </div>
    </section>
  );
}

export function QueuePage() {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error, reload] = useLoad<Page<QueueItem>>(() => list<QueueItem>('/api/v1/validation-queue', { limit: PAGE_SIZE, cursor }), [cursor]);
  const [selected, setSelected] = useState<string | null>(null);
  const lang = locale.value;
  const item = page?.items.find((i) => i.id === selected) ?? null;

  return (
    <section>
      <PageTitle k="navQueue" />
      <ErrorBox error={error} />
      {!page && !error && <p>{t('loading')}</p>}
      {page && page.items.length === 0 && <p>{t('empty')}</p>}
      {page && page.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('tlp')}</th>
                <th scope="col">{t('organisation')}</th>
                <th scope="col">{t('sector')}</th>
                <th scope="col">{t('region')}</th>
                <th scope="col" class="num">{t('amount')}</th>
                <th scope="col" class="num">{t('possibleDuplicates')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((need) => (
                <tr key={need.id} class={need.id === selected ? 'selected' : ''}>
                  <td>
                    <a href={`/needs/${need.id}`}>{need.title}</a>
                  </td>
                  <td>
                    <TlpLabel tlp={need.tlp} />
                  </td>
                  <td>{orgName(need.org)}</td>
                  <td>{term(need.sector)}</td>
                  <td>{regionName(need.region, lang)}</td>
                  <td class="num">{formatMoney(need.amount)}</td>
                  <td class="num">{need.possible_duplicates.length}</td>
                  <td>
                    <button type="button" aria-pressed={need.id === selected} aria-label={t('reviewNeed', { title: need.title })} onClick={() => setSelected(need.id)}>
                      {t('review')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <Pager pager={pager} page={page} go={setCursor} />
      )}
      {item && (
        <Review
          key={item.id}
          item={item}
          done={() => {
            setSelected(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
