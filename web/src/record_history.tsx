// A record's history as the server keeps it: the audit entries about one
// need, offer or allocation (GET /api/v1/{kind}/{id}/history), newest first,
// paged. The server decides what the reader sees (docs/coordination.md
// "Record history"): organisations for everyone who may read the record, the
// user and refused attempts for the back office and admins only.
import { useMemo, useState } from 'preact/hooks';
import { list } from './api';
import { Pager, useLoad, ErrorBox } from './components';
import { formatDate, translate, locale, t, type Key, type Locale } from './i18n';
import { CursorPager } from './paging';

export interface HistoryEntry {
  time: string;
  action: string;
  outcome: string;
  changed_fields: string;
  actor_org: string | null;
  actor_org_name: string | null;
  sequence?: number;
  actor_user?: string | null;
}

export type HistoryKind = 'needs' | 'offers' | 'allocations';

// The audit actions a record's history can hold, in words.
const ACTION_KEYS: Record<string, Key> = {
  'need.create': 'audit_create',
  'offer.create': 'audit_create',
  'need.update': 'audit_update',
  'offer.update': 'audit_update',
  'need.transition': 'audit_transition',
  'allocation.decide': 'audit_decide',
  'allocation.commit': 'audit_commit',
  'allocation.decline': 'audit_decline',
  'allocation.assign': 'audit_assign',
  'allocation.report': 'audit_report',
  'allocation.verify': 'audit_verify',
};

// One entry as a line of text: what, by whom, which fields; the user and a
// refusal only when the server sent them. An unknown action shows as sent.
export function historyText(entry: HistoryEntry, lang: Locale): string {
  const key = ACTION_KEYS[entry.action];
  const what = key ? translate(lang, key) : entry.action;
  const parts = [translate(lang, 'historyBy', { action: what, org: entry.actor_org_name || entry.actor_org || '—' })];
  if (entry.changed_fields) parts.push(translate(lang, 'historyFields', { fields: entry.changed_fields.split(',').join(', ') }));
  if (entry.actor_user) parts.push(translate(lang, 'historyUser', { user: entry.actor_user.slice(0, 8) }));
  if (entry.outcome !== 'ok') parts.push(translate(lang, 'historyRefused', { outcome: entry.outcome }));
  return parts.join('; ');
}

// A new `changed` (the record's version or update time) reloads the history
// after the page changed the record.
export function RecordHistory({ kind, id, changed }: { kind: HistoryKind; id: string; changed?: string | number }) {
  const pager = useMemo(() => new CursorPager(), [kind, id]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error] = useLoad(
    () => list<HistoryEntry>(`/api/v1/${kind}/${encodeURIComponent(id)}/history`, { limit: 20, cursor }),
    [kind, id, cursor, changed],
  );
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title">{t('history')}</h3>
      <ErrorBox error={error} />
      {page && page.items.length === 0 && <p>{t('historyEmpty')}</p>}
      {page && page.items.length > 0 && (
        <ol class="history" data-history={kind}>
          {page.items.map((entry, n) => (
            <li key={`${entry.time}-${n}`} class={entry.outcome === 'ok' ? undefined : 'refused'}>
              <time dateTime={entry.time}>{formatDate(entry.time)}</time> — {historyText(entry, locale.value)}
            </li>
          ))}
        </ol>
      )}
      {page && (pager.hasPrevious || page.next) && <Pager pager={pager} page={page} go={setCursor} />}
      <p class="note">{t('historyNote')}</p>
    </section>
  );
}
