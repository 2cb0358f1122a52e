import { useMemo, useState } from 'preact/hooks';
import { list, patch, post, type AuditEntry, type Organisation, type Role, type User } from '../api';
import { formatDate, t } from '../i18n';
import { CursorPager, type Page } from '../paging';
import { orgName } from '../session';
import { ROLES } from '../vocab';
import { ErrorBox, Field, PageTitle, Select, useLoad } from '../components';

function usePaged<T>(path: string, tick: number) {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error, reload] = useLoad<Page<T>>(() => list<T>(path, { limit: 50, cursor }), [cursor, tick]);
  const controls = page && (
    <nav class="pager" aria-label={t('page', { n: pager.pageNumber })}>
      <button type="button" disabled={!pager.hasPrevious} onClick={() => setCursor(pager.previous())}>{t('previous')}</button>
      <span>{t('page', { n: pager.pageNumber })}</span>
      <button type="button" disabled={!pager.hasNext(page)} onClick={() => setCursor(pager.next(page))}>{t('next')}</button>
    </nav>
  );
  return { page, error, reload, controls };
}

export function OrganisationsPage() {
  const [tick, setTick] = useState(0);
  const { page, error, controls } = usePaged<Organisation>('/api/v1/organisations', tick);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('beneficiary');
  const [country, setCountry] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  async function add(event: Event) {
    event.preventDefault();
    setFormError(null);
    try {
      await post('/api/v1/organisations', country ? { name, kind, country } : { name, kind });
      setName(''); setCountry('');
      setTick((n) => n + 1);
    } catch (failure) {
      setFormError(failure);
    }
  }
  return (
    <section>
      <PageTitle k="organisationsTitle" />
      <form class="form inline" onSubmit={add} aria-label={t('addOrganisation')}>
        <Field label={t('name')} id="org-name"><input id="org-name" required value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} /></Field>
        <Field label={t('kind')} id="org-kind"><Select id="org-kind" value={kind} options={ROLES} display={(r) => t(`role_${r as Role}`)} onChange={setKind} /></Field>
        <Field label={t('country')} id="org-country"><input id="org-country" maxLength={2} value={country} onInput={(e) => setCountry((e.target as HTMLInputElement).value)} /></Field>
        <div class="buttons"><button type="submit">{t('addOrganisation')}</button></div>
        <ErrorBox error={formError} />
      </form>
      <ErrorBox error={error} />
      {page && (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('name')}</th><th scope="col">{t('kind')}</th><th scope="col">{t('country')}</th><th scope="col">{t('created')}</th></tr></thead>
            <tbody>
              {page.items.map((o) => (
                <tr key={o.id}><td>{o.name}</td><td>{t(`role_${o.kind}`)}</td><td>{o.country ?? '—'}</td><td>{formatDate(o.created_at)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {controls}
    </section>
  );
}

export function UsersPage() {
  const [tick, setTick] = useState(0);
  const { page, error, controls } = usePaged<User>('/api/v1/users', tick);
  const [orgs] = useLoad(() => list<Organisation>('/api/v1/organisations', { limit: 200 }), []);
  const [org, setOrg] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  async function add(event: Event) {
    event.preventDefault();
    setFormError(null);
    try {
      await post('/api/v1/users', { org, email, password });
      setEmail(''); setPassword('');
      setTick((n) => n + 1);
    } catch (failure) {
      setFormError(failure);
    }
  }
  async function toggle(u: User) {
    try {
      await patch(`/api/v1/users/${u.id}`, { version: u.version, disabled: !u.disabled });
      setTick((n) => n + 1);
    } catch (failure) {
      setFormError(failure);
    }
  }
  return (
    <section>
      <PageTitle k="usersTitle" />
      <form class="form inline" onSubmit={add} aria-label={t('addUser')}>
        <Field label={t('organisation')} id="user-org">
          <select id="user-org" required value={org} onChange={(e) => setOrg((e.target as HTMLSelectElement).value)}>
            <option value="" />
            {orgs?.items.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </Field>
        <Field label={t('email')} id="user-email"><input id="user-email" type="email" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} /></Field>
        <Field label={t('password')} id="user-password"><input id="user-password" type="password" autocomplete="new-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} /></Field>
        <div class="buttons"><button type="submit">{t('addUser')}</button></div>
        <ErrorBox error={formError} />
      </form>
      <ErrorBox error={error} />
      {page && (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">{t('email')}</th><th scope="col">{t('organisation')}</th><th scope="col">{t('kind')}</th><th scope="col">{t('status')}</th><th scope="col">{t('actions')}</th></tr></thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.id}>
                  <td>{u.email}</td><td>{orgName(u.org)}</td><td>{t(`role_${u.role}`)}</td>
                  <td>{u.disabled ? t('disabled') : t('active')}</td>
                  <td><button type="button" aria-label={`${u.disabled ? t('enable') : t('disable')} ${u.email}`} onClick={() => toggle(u)}>{u.disabled ? t('enable') : t('disable')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {controls}
    </section>
  );
}

export function AuditPage() {
  const { page, error, controls } = usePaged<AuditEntry>('/api/v1/audit', 0);
  return (
    <section>
      <PageTitle k="auditTitle" />
      <ErrorBox error={error} />
      {page && (
        <div class="table-wrap">
          <table>
            <thead><tr><th scope="col">#</th><th scope="col">{t('time')}</th><th scope="col">{t('actor')}</th><th scope="col">{t('action')}</th><th scope="col">{t('record')}</th><th scope="col">{t('outcome')}</th></tr></thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.sequence}>
                  <td class="num">{a.sequence}</td><td>{formatDate(a.time)}</td>
                  <td>{a.actor_org ? orgName(a.actor_org) : '—'}</td><td>{a.action}</td>
                  <td>{a.record_type ? `${a.record_type} ${(a.record_id ?? '').slice(0, 8)}` : '—'}</td><td>{a.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {controls}
    </section>
  );
}
