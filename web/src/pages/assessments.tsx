// The front office's NIS2 assessment (Art. 21(2), measures a to j, each
// scored 0..5 with its evidence), and deriving draft needs from its gaps
// (docs/intake.md: every measure scored 2 or less becomes a draft need).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { get, list, post, type Assessment, type Need, type Organisation } from '../api';
import { navigate } from '../router';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { organisationsOfKind, orgName, user } from '../session';
import { REGIONS, SECTORS, TLPS, regionName } from '../vocab';
import { ErrorBox, Pager, Field, PageTitle, Select, StatusBadge, TlpLabel, useLoad } from '../components';
import { MEASURES, gapMeasures } from '../assessment';

const SCORES = ['0', '1', '2', '3', '4', '5'];

export function AssessmentsPage() {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error] = useLoad<Page<Assessment>>(() => list<Assessment>('/api/v1/assessments', { limit: 25, cursor }), [cursor]);
  const me = user.value!;
  const lang = locale.value;
  return (
    <section>
      <PageTitle k="navAssessments" />
      {me.role !== 'beneficiary' && (
        <p>
          <a class="button" href="/assessments/new">
            {t('newAssessment')}
          </a>
        </p>
      )}
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
                <th scope="col" class="num">{t('criticality')}</th>
                <th scope="col">{t('created')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/assessments/${a.id}`}>{a.title}</a>
                  </td>
                  <td>
                    <TlpLabel tlp={a.tlp} />
                  </td>
                  <td>{orgName(a.org)}</td>
                  <td>{term(a.sector)}</td>
                  <td>{regionName(a.region, lang)}</td>
                  <td class="num">{a.criticality}</td>
                  <td>{formatDate(a.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && (
        <Pager pager={pager} page={page} go={setCursor} />
      )}
    </section>
  );
}

export function AssessmentFormPage() {
  const lang = locale.value;
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [org, setOrg] = useState('');
  const [title, setTitle] = useState('');
  const [sector, setSector] = useState('energy');
  const [region, setRegion] = useState('UA-30');
  const [criticality, setCriticality] = useState('3');
  const [tlp, setTlp] = useState('AMBER+STRICT');
  const [scores, setScores] = useState<Record<string, { score: string; evidence: string }>>(
    Object.fromEntries(MEASURES.map((m) => [m.key, { score: '3', evidence: '' }])),
  );
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    organisationsOfKind('beneficiary').then(setOrgs, () => undefined);
  }, []);

  const setMeasure = (key: string, field: 'score' | 'evidence', value: string) => setScores({ ...scores, [key]: { ...scores[key], [field]: value } });

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const measures = Object.fromEntries(MEASURES.map((m) => [m.key, { score: Number(scores[m.key].score), evidence: scores[m.key].evidence }]));
      const created = await post<Assessment>('/api/v1/assessments', {
        org, title, sector, region, criticality: Number(criticality), tlp, measures,
      });
      navigate(`/assessments/${created.id}`);
    } catch (failure) {
      setError(failure);
    }
  }
  const gaps = gapMeasures(Object.fromEntries(MEASURES.map((m) => [m.key, Number(scores[m.key].score)])));
  return (
    <section>
      <PageTitle k="newAssessment" />
      <form class="form" onSubmit={submit}>
        <Field label={t('forOrganisation')} id="a-org">
          <select id="a-org" required value={org} onChange={(e) => setOrg((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('title')} id="a-title">
          <input id="a-title" required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
        </Field>
        <Field label={t('sector')} id="a-sector">
          <Select id="a-sector" value={sector} options={SECTORS} onChange={setSector} />
        </Field>
        <Field label={t('region')} id="a-region">
          <Select id="a-region" value={region} options={REGIONS.map((r) => r.code)} display={(c) => regionName(c, lang)} onChange={setRegion} />
        </Field>
        <Field label={t('criticality')} id="a-criticality">
          <Select id="a-criticality" value={criticality} options={['1', '2', '3', '4', '5']} display={(v) => v} onChange={setCriticality} />
        </Field>
        <Field label={t('tlp')} id="a-tlp">
          <Select id="a-tlp" value={tlp} options={TLPS} display={(v) => `TLP:${v}`} onChange={setTlp} />
        </Field>
        <fieldset class="measures">
          <legend>{t('measures')}</legend>
          <p class="note">{t('measuresNote')}</p>
          {MEASURES.map((m) => (
            <div class="measure" key={m.key}>
              <Field label={`${m.letter}) ${t(m.label)} — ${t('score')}`} id={`score-${m.key}`}>
                <Select id={`score-${m.key}`} value={scores[m.key].score} options={SCORES} display={(v) => v} onChange={(v) => setMeasure(m.key, 'score', v)} />
              </Field>
              <Field label={`${m.letter}) ${t(m.label)} — ${t('evidence')}`} id={`evidence-${m.key}`}>
                <textarea id={`evidence-${m.key}`} rows={2} value={scores[m.key].evidence} onInput={(e) => setMeasure(m.key, 'evidence', (e.target as HTMLTextAreaElement).value)} />
              </Field>
            </div>
          ))}
        </fieldset>
        <p role="status">{t('gapPreview', { n: gaps.length })}</p>
        <div class="buttons">
          <button type="submit">{t('create')}</button>
        </div>
        <ErrorBox error={error} />
      </form>
    </section>
  );
}

export function AssessmentPage({ id }: { id: string }) {
  const me = user.value!;
  const [assessment, error] = useLoad(() => get<Assessment>(`/api/v1/assessments/${encodeURIComponent(id)}`), [id]);
  const [derived, derivedError, reloadDerived] = useLoad(() => list<Need>('/api/v1/needs', { assessment: id, limit: 50 }), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const lang = locale.value;
  async function derive() {
    setActionError(null);
    try {
      await post(`/api/v1/assessments/${encodeURIComponent(id)}/needs`);
      reloadDerived();
    } catch (failure) {
      setActionError(failure);
    }
  }
  if (error) return <ErrorBox error={error} />;
  if (!assessment) return <p>{t('loading')}</p>;
  const mayDerive = me.role === 'front_office' || me.role === 'back_office';
  return (
    <article class="record">
      <PageTitle k="assessmentTitle" />
      <h2 class="record-title">{assessment.title}</h2>
      <p class="labels">
        <TlpLabel tlp={assessment.tlp} />
      </p>
      <dl class="facts">
        <dt>{t('organisation')}</dt>
        <dd>{orgName(assessment.org)}</dd>
        <dt>{t('sector')}</dt>
        <dd>{term(assessment.sector)}</dd>
        <dt>{t('region')}</dt>
        <dd>{regionName(assessment.region, lang)}</dd>
        <dt>{t('criticality')}</dt>
        <dd>{assessment.criticality}</dd>
      </dl>
      <div class="table-wrap">
        <table>
          <caption>{t('measures')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('measure')}</th>
              <th scope="col" class="num">{t('score')}</th>
              <th scope="col">{t('evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {MEASURES.map((m) => {
              const scored = assessment.measures[m.key];
              return (
                <tr key={m.key} class={scored && scored.score <= 2 ? 'gap-row' : ''}>
                  <th scope="row">
                    {m.letter}) {t(m.label)}
                  </th>
                  <td class="num">{scored?.score ?? '—'}</td>
                  <td>{scored?.evidence || '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {mayDerive && (
        <div class="buttons">
          <button type="button" onClick={derive} disabled={!!derived && derived.items.length > 0}>
            {t('deriveNeeds')}
          </button>
        </div>
      )}
      <ErrorBox error={actionError} />
      <ErrorBox error={derivedError} />
      {derived && derived.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <caption>{t('derivedNeeds', { n: derived.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('title')}</th>
                <th scope="col">{t('status')}</th>
                <th scope="col">{t('category')}</th>
                <th scope="col" class="num">{t('amount')}</th>
                <th scope="col" class="num">{t('priority')}</th>
              </tr>
            </thead>
            <tbody>
              {derived.items.map((n) => (
                <tr key={n.id}>
                  <td>
                    <a href={`/needs/${n.id}`}>{n.title}</a>
                  </td>
                  <td>
                    <StatusBadge status={n.status} />
                  </td>
                  <td>{term(n.category)}</td>
                  <td class="num">{formatMoney(n.amount)}</td>
                  <td class="num">{n.priority}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

