// Coordination-group meetings (back office): create one with its agenda,
// open it, record a decision with a reason on each proposed or deferred
// allocation, close it with minutes. Decisions are only taken in an open
// meeting; the server refuses them otherwise.
import { useState } from 'preact/hooks';
import { get, post, type Allocation, type Meeting } from '../api';
import { navigate } from '../router';
import { formatDate, formatMoney, locale, t, term } from '../i18n';
import { orgName } from '../session';
import { regionName } from '../vocab';
import { ErrorBox, Field, PageTitle, StatusBadge, TlpLabel, useLoad } from '../components';
import { rememberMeeting, rememberedMeetings } from '../recent';

type Choice = 'approve' | 'reject' | 'defer';
const CHOICES: Choice[] = ['approve', 'reject', 'defer'];

function AgendaRow({ allocation, meeting, onDecided }: { allocation: Allocation; meeting: Meeting; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const lang = locale.value;
  const summary = allocation.need_summary ?? {};
  const label = summary.title ?? term(summary.sector ?? '');
  async function decide(decision: Choice) {
    setError(null);
    try {
      await post(`/api/v1/allocations/${allocation.id}/decision`, { meeting: meeting.id, decision, reason });
      onDecided();
    } catch (failure) {
      setError(failure);
    }
  }
  const reasonId = `reason-${allocation.id}`;
  return (
    <tr>
      <td>
        <a href={`/allocations/${allocation.id}`}>{label}</a>
      </td>
      <td>{allocation.tlp && <TlpLabel tlp={allocation.tlp} />}</td>
      <td>
        <StatusBadge status={allocation.status} />
      </td>
      <td>{orgName(allocation.offer_org)}</td>
      <td>{summary.region ? regionName(summary.region, lang) : '—'}</td>
      <td class="num">{formatMoney(allocation.amount)}</td>
      <td>
        {meeting.status === 'open' ? (
          <div class="decide">
            <label for={reasonId} class="visually-hidden">
              {t('reasonFor', { title: label })}
            </label>
            <input id={reasonId} placeholder={t('reason')} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            <div class="buttons">
              {CHOICES.map((choice) => (
                <button type="button" key={choice} data-decision={choice} aria-label={t(`decisionFor_${choice}`, { title: label })} onClick={() => decide(choice)}>
                  {t(`decision_${choice}`)}
                </button>
              ))}
            </div>
            <ErrorBox error={error} />
          </div>
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

function MeetingView({ id }: { id: string }) {
  const [meeting, error, reload] = useLoad(() => get<Meeting>(`/api/v1/meetings/${encodeURIComponent(id)}`), [id]);
  const [allocations, allocationsError, reloadAllocations] = useLoad(() => get<{ items: Allocation[] }>('/api/v1/allocations'), [id]);
  const [minutes, setMinutes] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);

  async function act(path: string, body?: unknown) {
    setActionError(null);
    try {
      await post(path, body);
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }
  if (error) return <ErrorBox error={error} />;
  if (!meeting) return <p>{t('loading')}</p>;
  const items = allocations?.items ?? [];
  const agenda = items.filter((a) => a.status === 'proposed' || a.status === 'deferred');
  const decided = items.flatMap((a) => (a.decisions ?? []).filter((d) => d.meeting === meeting.id).map((d) => ({ allocation: a, decision: d })));
  return (
    <article class="record" aria-labelledby="meeting-title">
      <h2 id="meeting-title" class="record-title">
        {meeting.title}
      </h2>
      <p class="labels">
        <StatusBadge status={meeting.status} />
      </p>
      <dl class="facts">
        <dt>{t('created')}</dt>
        <dd>{formatDate(meeting.created_at)}</dd>
        <dt>{t('updated')}</dt>
        <dd>{formatDate(meeting.updated_at)}</dd>
      </dl>
      <h3>{t('agenda')}</h3>
      <p class="description">{meeting.agenda || '—'}</p>
      {meeting.minutes && (
        <>
          <h3>{t('minutes')}</h3>
          <p class="description">{meeting.minutes}</p>
        </>
      )}
      <div class="buttons">
        {meeting.status === 'planned' && (
          <button type="button" onClick={() => act(`/api/v1/meetings/${meeting.id}/open`)}>
            {t('openMeeting')}
          </button>
        )}
      </div>
      {meeting.status === 'open' && (
        <div class="form inline">
          <Field label={t('minutes')} id="minutes">
            <textarea id="minutes" rows={2} value={minutes} onInput={(e) => setMinutes((e.target as HTMLTextAreaElement).value)} />
          </Field>
          <div class="buttons">
            <button type="button" onClick={() => act(`/api/v1/meetings/${meeting.id}/close`, minutes ? { minutes } : {})}>
              {t('closeMeeting')}
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={actionError} />
      <ErrorBox error={allocationsError} />
      <div class="table-wrap">
        <table>
          <caption>{t('agendaItems', { n: agenda.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needTitle')}</th>
              <th scope="col">{t('tlp')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('donor')}</th>
              <th scope="col">{t('region')}</th>
              <th scope="col" class="num">{t('amount')}</th>
              <th scope="col">{t('decision')}</th>
            </tr>
          </thead>
          <tbody>
            {agenda.map((a) => (
              <AgendaRow key={a.id} allocation={a} meeting={meeting} onDecided={reloadAllocations} />
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-wrap">
        <table>
          <caption>{t('decisionsTaken', { n: decided.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needTitle')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('time')}</th>
            </tr>
          </thead>
          <tbody>
            {decided.map(({ allocation, decision }) => (
              <tr key={decision.id}>
                <td>
                  <a href={`/allocations/${allocation.id}`}>{allocation.need_summary?.title ?? term(allocation.need_summary?.sector ?? '')}</a>
                </td>
                <td>{t(`decision_${decision.decision}`)}</td>
                <td>{decision.reason || '—'}</td>
                <td>{formatDate(decision.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </article>
  );
}

export function MeetingsPage({ id }: { id?: string }) {
  const [title, setTitle] = useState('');
  const [agenda, setAgenda] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [allocations] = useLoad(() => get<{ items: Allocation[] }>('/api/v1/allocations'), []);

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const meeting = await post<Meeting>('/api/v1/meetings', { title, agenda });
      rememberMeeting(meeting.id);
      navigate(`/meetings/${meeting.id}`);
    } catch (failure) {
      setError(failure);
    }
  }
  if (id) rememberMeeting(id);
  // Meetings this browser knows, and those that took decisions on visible allocations.
  const known = new Set(rememberedMeetings());
  for (const a of allocations?.items ?? []) for (const d of a.decisions ?? []) known.add(d.meeting);
  return (
    <section>
      <PageTitle k="navMeetings" />
      {id ? (
        <>
          <p>
            <a href="/meetings">{t('back')}</a>
          </p>
          <MeetingView id={id} />
        </>
      ) : (
        <>
          <form class="form" onSubmit={create} aria-labelledby="new-meeting">
            <h2 id="new-meeting">{t('newMeeting')}</h2>
            <Field label={t('title')} id="meeting-title-input">
              <input id="meeting-title-input" required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
            </Field>
            <Field label={t('agenda')} id="meeting-agenda">
              <textarea id="meeting-agenda" rows={3} value={agenda} onInput={(e) => setAgenda((e.target as HTMLTextAreaElement).value)} />
            </Field>
            <div class="buttons">
              <button type="submit">{t('createMeeting')}</button>
            </div>
            <ErrorBox error={error} />
          </form>
          <KnownMeetings ids={[...known]} />
        </>
      )}
    </section>
  );
}

function KnownMeetings({ ids }: { ids: string[] }) {
  const [meetings] = useLoad(
    () => Promise.all(ids.map((id) => get<Meeting>(`/api/v1/meetings/${id}`).catch(() => null))).then((all) => all.filter((m): m is Meeting => m !== null)),
    [ids.join(',')],
  );
  if (!meetings || meetings.length === 0) return null;
  return (
    <div class="table-wrap">
      <table>
        <caption>{t('recentMeetings')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('title')}</th>
            <th scope="col">{t('status')}</th>
            <th scope="col">{t('created')}</th>
          </tr>
        </thead>
        <tbody>
          {meetings.map((m) => (
            <tr key={m.id}>
              <td>
                <a href={`/meetings/${m.id}`}>{m.title}</a>
              </td>
              <td>
                <StatusBadge status={m.status} />
              </td>
              <td>{formatDate(m.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
