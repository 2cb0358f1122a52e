// The signed-in user's inbox: notices about needs, assessments and
// allocations, newest first, paged by the API's cursor (never loaded whole).
// Each names its record by its current title and marking and links to it;
// following the link or the button marks the notice read.
import { useMemo, useState } from 'preact/hooks';
import { list, post } from '../api';
import { formatDate, t } from '../i18n';
import { noticeText, recordHref, unreadCount, type Notice } from '../notifications';
import { CursorPager, type Page } from '../paging';
import { ErrorBox, PageTitle, Pager, TlpLabel, useLoad } from '../components';

export function InboxPage() {
  const pager = useMemo(() => new CursorPager(), []);
  const [cursor, setCursor] = useState<string | null>(null);
  const [page, error, reload] = useLoad<Page<Notice>>(() => list<Notice>('/api/v1/notifications', { limit: 25, cursor }), [cursor]);
  // Marked read here without waiting for a reload of the page.
  const [readNow, setReadNow] = useState<Set<string>>(new Set());
  const [actionError, setActionError] = useState<unknown>(null);

  async function markRead(notice: Notice) {
    setActionError(null);
    try {
      await post(`/api/v1/notifications/${encodeURIComponent(notice.id)}/read`);
      setReadNow((known) => new Set(known).add(notice.id));
    } catch (failure) {
      // A notice about a record that was hidden meanwhile answers 404.
      setActionError(failure);
      reload();
    }
  }

  const items = (page?.items ?? []).map((n) => (readNow.has(n.id) ? { ...n, read: true } : n));
  return (
    <section>
      <PageTitle k="inboxTitle" />
      <p class="note">{t('inboxNote')}</p>
      <ErrorBox error={error} />
      <ErrorBox error={actionError} />
      {!page && !error && <p>{t('loading')}</p>}
      {page && (
        <>
          <p role="status">{t('unreadOnPage', { n: unreadCount(items) })}</p>
          {items.length === 0 ? (
            <p>{t('empty')}</p>
          ) : (
            <div class="table-wrap">
              <table class="inbox">
                <thead>
                  <tr>
                    <th scope="col">{t('readState')}</th>
                    <th scope="col">{t('noticeWhat')}</th>
                    <th scope="col">{t('record')}</th>
                    <th scope="col">{t('tlp')}</th>
                    <th scope="col">{t('time')}</th>
                    <th scope="col">{t('actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((notice) => {
                    const href = recordHref(notice.record_type, notice.record_id);
                    return (
                      <tr key={notice.id} class={notice.read ? 'notice-read' : 'notice-unread'} data-kind={notice.kind}>
                        <td>
                          <span class={notice.read ? 'state-read' : 'state-unread'}>{notice.read ? t('read') : t('unread')}</span>
                        </td>
                        <td>{noticeText(notice.kind)}</td>
                        <td>
                          {href ? (
                            <a href={href} onClick={() => !notice.read && post(`/api/v1/notifications/${encodeURIComponent(notice.id)}/read`).catch(() => undefined)}>
                              {notice.title}
                            </a>
                          ) : (
                            notice.title
                          )}
                        </td>
                        <td>{notice.tlp && <TlpLabel tlp={notice.tlp} />}</td>
                        <td class="date">
                          <time dateTime={notice.created_at}>{formatDate(notice.created_at)}</time>
                        </td>
                        <td>
                          {!notice.read && (
                            <button type="button" aria-label={t('markReadFor', { title: notice.title })} onClick={() => markRead(notice)}>
                              {t('markRead')}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Pager
            pager={pager}
            page={page}
            go={(next) => {
              setReadNow(new Set());
              setCursor(next);
            }}
          />
        </>
      )}
    </section>
  );
}
