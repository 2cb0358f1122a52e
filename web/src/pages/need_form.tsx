import { useEffect, useState } from 'preact/hooks';
import { get, patch, post, type Need, type Organisation } from '../api';
import { locale, t } from '../i18n';
import { navigate } from '../router';
import { organisationsOfKind, user } from '../session';
import { CATEGORIES, REGIONS, SECTORS, TLPS, regionName } from '../vocab';
import { ErrorBox, Field, PageTitle, Select } from '../components';

interface Form {
  org: string;
  title: string;
  description: string;
  sector: string;
  region: string;
  category: string;
  amount: string;
  priority: string;
  divisible: boolean;
  tlp: string;
}

const blank: Form = {
  org: '', title: '', description: '', sector: 'energy', region: 'UA-30', category: 'equipment',
  amount: '', priority: '3', divisible: true, tlp: 'AMBER',
};

export function NeedFormPage({ id }: { id?: string }) {
  const me = user.value!;
  const [form, setForm] = useState<Form>(blank);
  const [version, setVersion] = useState(0);
  const [beneficiaries, setBeneficiaries] = useState<Organisation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const lang = locale.value;
  const forOthers = me.role !== 'beneficiary' && !id;

  useEffect(() => {
    if (id) {
      get<Need>(`/api/v1/needs/${encodeURIComponent(id)}`).then((need) => {
        setVersion(need.version);
        setForm({ ...need, amount: String(need.amount), priority: String(need.priority) });
      }, setError);
    }
    if (forOthers) {
      organisationsOfKind('beneficiary').then(setBeneficiaries, () => undefined);
    }
  }, [id]);

  const set = (key: keyof Form) => (value: string | boolean) => setForm({ ...form, [key]: value });
  const text = (key: keyof Form) => (e: Event) => set(key)((e.target as HTMLInputElement).value);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    const body: Record<string, unknown> = {
      title: form.title, description: form.description, sector: form.sector, region: form.region,
      category: form.category, amount: Number(form.amount), priority: Number(form.priority),
      divisible: form.divisible, tlp: form.tlp,
    };
    try {
      if (id) {
        const saved = await patch<Need>(`/api/v1/needs/${encodeURIComponent(id)}`, { ...body, version });
        navigate(`/needs/${saved.id}`);
      } else {
        if (forOthers && form.org) body.org = form.org;
        const saved = await post<Need>('/api/v1/needs', body);
        navigate(`/needs/${saved.id}`);
      }
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section>
      <PageTitle k={id ? 'editNeedTitle' : 'newNeedTitle'} />
      <form class="form" onSubmit={submit}>
        {forOthers && (
          <Field label={t('forOrganisation')} id="org">
            <select id="org" required value={form.org} onChange={text('org')}>
              <option value="" />
              {beneficiaries.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('title')} id="title">
          <input id="title" required maxLength={200} value={form.title} onInput={text('title')} />
        </Field>
        <Field label={t('description')} id="description">
          <textarea id="description" rows={4} value={form.description} onInput={text('description')} />
        </Field>
        <Field label={t('sector')} id="sector">
          <Select id="sector" required value={form.sector} options={SECTORS} onChange={set('sector')} />
        </Field>
        <Field label={t('region')} id="region">
          <Select id="region" required value={form.region} options={REGIONS.map((r) => r.code)} display={(c) => regionName(c, lang)} onChange={set('region')} />
        </Field>
        <Field label={t('category')} id="category">
          <Select id="category" required value={form.category} options={CATEGORIES} onChange={set('category')} />
        </Field>
        <Field label={t('amount')} id="amount">
          <input id="amount" type="number" min="0" step="0.01" required value={form.amount} onInput={text('amount')} />
        </Field>
        <Field label={t('priority')} id="priority">
          <Select id="priority" value={form.priority} options={['1', '2', '3', '4', '5']} display={(v) => v} onChange={set('priority')} />
        </Field>
        <Field label={t('tlp')} id="tlp">
          <Select id="tlp" value={form.tlp} options={TLPS} display={(v) => v} onChange={set('tlp')} />
        </Field>
        <div class="field check">
          <input id="divisible" type="checkbox" checked={form.divisible} onChange={(e) => set('divisible')((e.target as HTMLInputElement).checked)} />
          <label for="divisible">{t('divisible')}</label>
        </div>
        <ErrorBox error={error} />
        <div class="buttons">
          <button type="submit">{id ? t('save') : t('create')}</button>
          <a class="button secondary" href={id ? `/needs/${id}` : '/needs'}>
            {t('cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}
