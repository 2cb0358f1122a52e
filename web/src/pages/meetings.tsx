// Coordination-group meetings (back office): create one with its agenda and
// the organisations attending, open it, record a decision with a reason on
// each proposed or deferred allocation, correct a decision already taken
// (a new decision naming the earlier one), close it with minutes. Decisions
// are only taken in an open meeting; the server refuses them otherwise.
import { useState } from 'preact/hooks';
import { get, post, type Allocation, type Decision, type Meeting, type Organisation } from '../api';
import { allocationLabel, correctable, currentDecision, groupMembers, matchesFilter } from '../meeting';
import { slicePage } from '../paging';
import { navigate } from '../router';
import { formatDate, formatMoney, locale, t } from '../i18n';
import { orgName } from '../session';
import { regionName } from '../vocab';
import { ErrorBox, Field, MoreButton, PageTitle, SlicePager, StatusBadge, TlpLabel, useLoad, usePagedList } from '../components';
import { rememberMeeting, rememberedMeetings } from '../recent';

type Choice = 'approve' | 'reject' | 'defer';
const ROWS = 25;
const CHOICES: Choice[] = ['approve', 'reject', 'defer'];

// The reason field and one button per choice with which the group decides
// on an allocation, or corrects its decision (`corrects` names the earlier
// one). The server refuses both outside an open meeting.
function DecisionBox({ allocation, meeting, corrects, onDecided }: { allocation: Allocation; meeting: Meeting; corrects?: Decision; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const label = allocationLabel(allocation);
  async function decide(decision: Choice) {
    setError(null);
    try {
      await post(`/api/v1/allocations/${allocation.id}/decision`, { meeting: meeting.id, decision, reason, ...(corrects ? { corrects: corrects.id } : {}) });
      setReason('');
      onDecided();
    } catch (failure) {
      setError(failure);
    }
  }
  const reasonId = `${corrects ? 'correction' : 'reason'}-${allocation.id}`;
  const choices = corrects ? CHOICES.filter((choice) => choice !== corrects.decision) : CHOICES;
  return (
    <div class="decide">
      <label for={reasonId} class="visually-hidden">
        {t(corrects ? 'correctionReasonFor' : 'reasonFor', { title: label })}
      </label>
      <input id={reasonId} placeholder={t('reason')} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      <div class="buttons">
        {choices.map((choice) => (
          <button
            type="button"
            key={choice}
            data-decision={choice}
            aria-label={t(corrects ? `correctFor_${choice}` : `decisionFor_${choice}`, { title: label })}
            onClick={() => decide(choice)}
          >
            {corrects ? t('correctTo', { decision: t(`decision_${choice}`) }) : t(`decision_${choice}`)}
          </button>
        ))}
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

function AgendaRow({ allocation, meeting, onDecided }: { allocation: Allocation; meeting: Meeting; onDecided: () => void }) {
  const lang = locale.value;
  const summary = allocation.need_summary ?? {};
  return (
    <tr>
      <td>
        <a href={`/allocations/${allocation.id}`}>{allocationLabel(allocation)}</a>
      </td>
      <td>{allocation.tlp && <TlpLabel tlp={allocation.tlp} />}</td>
      <td>
        <StatusBadge status={allocation.status} />
      </td>
      <td>{orgName(allocation.offer_org)}</td>
      <td>{summary.region ? regionName(summary.region, lang) : '—'}</td>
      <td class="num">{formatMoney(allocation.amount)}</td>
      <td>{meeting.status === 'open' ? <DecisionBox allocation={allocation} meeting={meeting} onDecided={onDecided} /> : '—'}</td>
    </tr>
  );
}

// What a correction replaced: the earlier decision and when it was taken.
function correctsText(allocation: Allocation, decision: Decision): string {
  if (!decision.corrects) return '—';
  const earlier = (allocation.decisions ?? []).find((other) => other.id === decision.corrects);
  return earlier ? `${t(`decision_${earlier.decision}`)}, ${formatDate(earlier.created_at)}` : '—';
}

// A decided allocation whose decision the group may still correct.
function CorrectionRow({ allocation, meeting, onDecided }: { allocation: Allocation; meeting: Meeting; onDecided: () => void }) {
  const standing = currentDecision(allocation)!;
  return (
    <tr>
      <td>
        <a href={`/allocations/${allocation.id}`}>{allocationLabel(allocation)}</a>
      </td>
      <td>{allocation.tlp && <TlpLabel tlp={allocation.tlp} />}</td>
      <td>
        {t(`decision_${standing.decision}`)} ({standing.reason || '—'}), {formatDate(standing.created_at)}
      </td>
      <td class="num">{formatMoney(allocation.amount)}</td>
      <td>
        <DecisionBox key={standing.id} allocation={allocation} meeting={meeting} corrects={standing} onDecided={onDecided} />
      </td>
    </tr>
  );
}

function MeetingView({ id }: { id: string }) {
  const [meeting, error, reload] = useLoad(() => get<Meeting>(`/api/v1/meetings/${encodeURIComponent(id)}`), [id]);
  // The allocations come page by page (newest first, so a new proposal is
  // on the first); "More" loads the next page into the tables below.
  const allocations = usePagedList<Allocation>('/api/v1/allocations', {}, [id]);
  const { error: allocationsError, reload: reloadAllocations } = allocations;
  const [minutes, setMinutes] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  const [agendaPage, setAgendaPage] = useState(1);
  const [correctionPage, setCorrectionPage] = useState(1);
  const [decidedPage, setDecidedPage] = useState(1);

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
  const items = allocations.list?.items ?? [];
  // The tables show the allocations loaded so far a screen at a time,
  // narrowed by the words typed into the filter.
  const wanted = (a: Allocation) => matchesFilter(allocationLabel(a), filter);
  const agenda = items.filter((a) => (a.status === 'proposed' || a.status === 'deferred') && wanted(a));
  const corrections = meeting.status === 'open' ? items.filter((a) => correctable(a) && wanted(a)) : [];
  const decided = items.filter(wanted).flatMap((a) => (a.decisions ?? []).filter((d) => d.meeting === meeting.id).map((d) => ({ allocation: a, decision: d })));
  const agendaRows = slicePage(agenda, agendaPage, ROWS);
  const correctionRows = slicePage(corrections, correctionPage, ROWS);
  const decidedRows = slicePage(decided, decidedPage, ROWS);
  const attendance = meeting.attendance ?? [];
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
      <h3 id="attendance-title">{t('attendance')}</h3>
      {attendance.length === 0 ? (
        <p>{t('noAttendance')}</p>
      ) : (
        <ul aria-labelledby="attendance-title" class="attendance">
          {attendance.map((org) => (
            <li key={org}>{orgName(org)}</li>
          ))}
        </ul>
      )}
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
      <div class="form inline">
        <Field label={t('meetingFilter')} id="meeting-filter">
          <input
            id="meeting-filter"
            type="search"
            value={filter}
            onInput={(e) => {
              setFilter((e.target as HTMLInputElement).value);
              setAgendaPage(1);
              setCorrectionPage(1);
              setDecidedPage(1);
            }}
          />
        </Field>
      </div>
      <MoreButton paged={allocations} label={t('moreAllocations')} />
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
            {agendaRows.rows.map((a) => (
              <AgendaRow key={a.id} allocation={a} meeting={meeting} onDecided={reloadAllocations} />
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager page={agendaRows.page} pages={agendaRows.pages} go={setAgendaPage} label={t('agendaPages')} />
      {meeting.status === 'open' && (
        <div class="table-wrap">
          <table>
            <caption>{t('correctionsTitle', { n: corrections.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('needTitle')}</th>
                <th scope="col">{t('tlp')}</th>
                <th scope="col">{t('currentDecision')}</th>
                <th scope="col" class="num">{t('amount')}</th>
                <th scope="col">{t('decision')}</th>
              </tr>
            </thead>
            <tbody>
              {correctionRows.rows.map((a) => (
                <CorrectionRow key={a.id} allocation={a} meeting={meeting} onDecided={reloadAllocations} />
              ))}
            </tbody>
          </table>
          <SlicePager page={correctionRows.page} pages={correctionRows.pages} go={setCorrectionPage} label={t('correctionsPages')} />
          <p class="note">{t('correctionNote')}</p>
        </div>
      )}
      <div class="table-wrap">
        <table>
          <caption>{t('decisionsTaken', { n: decided.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('needTitle')}</th>
              <th scope="col">{t('tlp')}</th>
              <th scope="col">{t('decision')}</th>
              <th scope="col">{t('reason')}</th>
              <th scope="col">{t('corrects')}</th>
              <th scope="col">{t('time')}</th>
            </tr>
          </thead>
          <tbody>
            {decidedRows.rows.map(({ allocation, decision }) => (
              <tr key={decision.id}>
                <td>
                  <a href={`/allocations/${allocation.id}`}>{allocationLabel(allocation)}</a>
                </td>
                <td>{allocation.tlp && <TlpLabel tlp={allocation.tlp} />}</td>
                <td>{t(`decision_${decision.decision}`)}</td>
                <td>{decision.reason || '—'}</td>
                <td>{correctsText(allocation, decision)}</td>
                <td>{formatDate(decision.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <SlicePager page={decidedRows.page} pages={decidedRows.pages} go={setDecidedPage} label={t('decisionsPages')} />
    </article>
  );
}

export function MeetingsPage({ id }: { id?: string }) {
  const [title, setTitle] = useState('');
  const [agenda, setAgenda] = useState('');
  const [attending, setAttending] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [allocations] = useLoad(() => get<{ items: Allocation[] }>('/api/v1/allocations'), []);
  const [members] = useLoad(
    () => (id ? Promise.resolve([]) : get<{ items: Organisation[] }>('/api/v1/organisations?limit=200').then((page) => groupMembers(page.items))),
    [id],
  );

  async function create(event: Event) {
    event.preventDefault();
    setError(null);
    try {
      const meeting = await post<Meeting>('/api/v1/meetings', { title, agenda, attendance: attending });
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
            <fieldset class="checks">
              <legend>{t('attendance')}</legend>
              <p class="note">{t('attendanceNote')}</p>
              {(members ?? []).map((org) => (
                <label key={org.id} class="check">
                  <input
                    type="checkbox"
                    value={org.id}
                    checked={attending.includes(org.id)}
                    onChange={(e) =>
                      setAttending((now) => ((e.target as HTMLInputElement).checked ? [...now, org.id] : now.filter((other) => other !== org.id)))
                    }
                  />{' '}
                  {org.name} ({t(`role_${org.kind}`)})
                </label>
              ))}
            </fieldset>
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
