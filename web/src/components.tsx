import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, list, type Tlp } from './api';
import { appendPage, type CursorPager, type Loaded, type Page } from './paging';
import { download, exportCsv, exportHxl, type Column } from './csv';
import { formatNumber, t, term, type Key } from './i18n';
import { filterId, withFilter, type FilterField, type FilterValues } from './filters';

// The TLP 2.0 label in FIRST's colours.
export function TlpLabel({ tlp }: { tlp: Tlp }) {
  const cls = `tlp tlp-${tlp.replace('+', '-').toLowerCase()}`;
  return <span class={cls}>{t('tlpLabel', { tlp })}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`status status-${status}`}>{term(status)}</span>;
}

export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const message =
    error instanceof ApiError && error.status === 404 ? t('notFound') : t('errorPrefix', { message: (error as Error).message });
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

export function Field({ label, id, children }: { label: string; id: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}

export function Select({
  id,
  value,
  options,
  onChange,
  anyLabel,
  display = term,
  required,
}: {
  id: string;
  value: string;
  options: readonly string[];
  onChange: (value: string) => void;
  anyLabel?: string;
  display?: (value: string) => string;
  required?: boolean;
}) {
  return (
    <select id={id} name={id} value={value} required={required} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
      {anyLabel !== undefined && <option value="">{anyLabel}</option>}
      {options.map((option) => (
        <option value={option} key={option}>
          {display(option)}
        </option>
      ))}
    </select>
  );
}

// Loads data when its dependencies change; answers [data, error, reload].
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [T | null, unknown, () => void] {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load().then(
      (value) => live && setData(value),
      (failure) => live && (setError(failure), setData(null)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [data, error, () => setTick((n) => n + 1)];
}

export function PageTitle({ k, children }: { k: Key; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${t(k)} · ${t('appName')}`;
  });
  return (
    <h1 tabIndex={-1} id="page-title">
      {t(k)}
      {children}
    </h1>
  );
}

// CSV and HXL exports of a whole list: `load` pages through the list's own
// endpoint (so the same access decision and filters), never just the page
// on screen.
export function ExportButtons<T>({
  name,
  columns,
  load,
  children,
}: {
  name: string;
  columns: Column<T>[];
  load: (progress: (n: number) => void) => Promise<T[]>;
  children?: ComponentChildren;
}) {
  const [loaded, setLoaded] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function run(kind: 'csv' | 'hxl') {
    setError(null);
    setLoaded(0);
    try {
      const rows = await load(setLoaded);
      if (kind === 'csv') download(`${name}.csv`, exportCsv(columns, rows));
      else download(`${name}-hxl.csv`, exportHxl(columns, rows));
    } catch (failure) {
      setError(failure);
    } finally {
      setLoaded(null);
    }
  }
  return (
    <div class="toolbar">
      <button type="button" disabled={loaded !== null} onClick={() => run('csv')}>
        {t('exportCsv')}
      </button>
      <button type="button" disabled={loaded !== null} onClick={() => run('hxl')}>
        {t('exportHxl')}
      </button>
      {children}
      <span role="status">{loaded !== null ? t('exporting', { n: formatNumber(loaded) }) : ''}</span>
      <ErrorBox error={error} />
    </div>
  );
}

// Previous / next over a cursor-paged list; `go` receives the new cursor.
// The filter controls above a list or dashboard (filters.ts holds their
// logic). With `onSubmit` they are a form applied by its button (lists
// fetched from the server); without, each change applies at once.
export function FilterBar({
  prefix,
  fields,
  values,
  onChange,
  onSubmit,
}: {
  prefix: string;
  fields: readonly FilterField[];
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  onSubmit?: () => void;
}) {
  const controls = fields.map((field) => {
    const id = filterId(prefix, field.key);
    const set = (value: string) => onChange(withFilter(values, field.key, value));
    return (
      <Field label={field.label} id={id} key={field.key}>
        {field.kind === 'search' ? (
          <input id={id} type="search" value={values[field.key] ?? ''} onInput={(e) => set((e.target as HTMLInputElement).value)} />
        ) : (
          <Select id={id} value={values[field.key] ?? ''} options={field.options ?? []} display={field.display} onChange={set} anyLabel={field.anyLabel} />
        )}
      </Field>
    );
  });
  if (!onSubmit) return <div class="filters">{controls}</div>;
  return (
    <form
      class="filters"
      aria-label={t('filters')}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      {controls}
      <div class="buttons">
        <button type="submit">{t('apply')}</button>
      </div>
    </form>
  );
}

export function Pager({ pager, page, go }: { pager: CursorPager; page: Page<unknown>; go: (cursor: string | null) => void }) {
  return (
    <nav class="pager" aria-label={t('pagination')}>
      <button type="button" disabled={!pager.hasPrevious} onClick={() => go(pager.previous())}>
        {t('previous')}
      </button>
      <span>{t('page', { n: pager.pageNumber })}</span>
      <button type="button" disabled={!pager.hasNext(page)} onClick={() => go(pager.next(page))}>
        {t('next')}
      </button>
    </nav>
  );
}

// Previous / next over a list held whole in memory (see slicePage).
export function SlicePager({ page, pages, go, label }: { page: number; pages: number; go: (page: number) => void; label: string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={page <= 1} onClick={() => go(page - 1)}>
        {t('previous')}
      </button>
      <span>{t('pageOf', { n: page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => go(page + 1)}>
        {t('next')}
      </button>
    </nav>
  );
}

// A record named as far as the reader may see it: a link when it may open
// it, plain text (the redacted form) otherwise.
export function RecordLink({ href, name }: { href: string; name: { text: string; visible: boolean } | undefined }) {
  if (!name) return <span class="muted">{t('loading')}</span>;
  return name.visible ? <a href={href}>{name.text}</a> : <span class="redacted">{name.text}</span>;
}

export interface PagedList<T> {
  list: Loaded<T> | null;
  error: unknown;
  busy: boolean;
  more: () => void;
  reload: () => void;
}

// A paged API list loaded a page at a time: the first page at once, each
// further one when `more` is called (a "More" button), never the whole
// list. `reload` loads again as many items as are on screen, so an action
// on an item of a later page does not take the reader back to the first.
export function usePagedList<T extends { id: string }>(
  path: string,
  params: Record<string, string | number | null | undefined>,
  deps: unknown[],
): PagedList<T> {
  const [loaded, setLoaded] = useState<Loaded<T> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  const [wanted, setWanted] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    (async () => {
      let pages = appendPage<T>(null, await list<T>(path, params));
      while (pages.next && pages.items.length < wanted) {
        pages = appendPage(pages, await list<T>(path, { ...params, cursor: pages.next }));
      }
      return pages;
    })().then(
      (value) => live && setLoaded(value),
      (failure) => live && (setError(failure), setLoaded(null)),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  async function more() {
    if (!loaded?.next || busy) return;
    setBusy(true);
    setError(null);
    try {
      setLoaded(appendPage(loaded, await list<T>(path, { ...params, cursor: loaded.next })));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }
  return {
    list: loaded,
    error,
    busy,
    more: () => void more(),
    reload: () => {
      setWanted(loaded?.items.length ?? 0);
      setTick((n) => n + 1);
    },
  };
}

// The button that loads the next page of a PagedList; absent on the last.
export function MoreButton({ paged, label }: { paged: PagedList<unknown>; label: string }) {
  if (!paged.list?.next) return null;
  return (
    <div class="buttons">
      <button type="button" disabled={paged.busy} onClick={paged.more}>
        {label}
      </button>
      <span role="status">{t('loadedCount', { n: formatNumber(paged.list.items.length) })}</span>
    </div>
  );
}
