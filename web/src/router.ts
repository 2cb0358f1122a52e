// Client-side routes on the History API; links are real <a href> elements
// so that keyboard, middle-click and "open in new tab" work.
import { signal } from '@preact/signals';

export const currentPath = signal(typeof location === 'undefined' ? '/' : location.pathname + location.search);

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  currentPath.value = to;
  window.scrollTo(0, 0);
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    currentPath.value = location.pathname + location.search;
  });
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const href = link.getAttribute('href');
    if (!href || !href.startsWith('/') || link.hasAttribute('download') || link.target) return;
    event.preventDefault();
    navigate(href);
  });
}

// Matches "/needs/:id" against a path; returns the parameters or null.
export function match(pattern: string, path: string): Record<string, string> | null {
  const [pathOnly] = path.split('?');
  const want = pattern.split('/');
  const have = pathOnly.split('/');
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!have[i]) return null;
      params[want[i].slice(1)] = decodeURIComponent(have[i]);
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

export function queryOf(path: string): URLSearchParams {
  const index = path.indexOf('?');
  return new URLSearchParams(index < 0 ? '' : path.slice(index + 1));
}
