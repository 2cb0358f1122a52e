import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Tlp } from './api';
import { t, term, type Key } from './i18n';

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
