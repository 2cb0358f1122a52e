// Cursor paging over the API's lists ({"items", "next"}): the pager keeps
// the cursors of the pages already seen, so "previous" needs no offset and
// a list is never loaded whole.

export interface Page<T> {
  items: T[];
  next: string | null;
}

export class CursorPager {
  private cursors: (string | null)[] = [null];
  private index = 0;

  get current(): string | null {
    return this.cursors[this.index];
  }
  get pageNumber(): number {
    return this.index + 1;
  }
  get hasPrevious(): boolean {
    return this.index > 0;
  }
  hasNext(page: Page<unknown> | null): boolean {
    return !!page && !!page.next;
  }
  // Moves forward to the page after `page`; returns its cursor.
  next(page: Page<unknown>): string | null {
    if (!page.next) return this.current;
    this.cursors = this.cursors.slice(0, this.index + 1);
    this.cursors.push(page.next);
    this.index += 1;
    return this.current;
  }
  previous(): string | null {
    if (this.index > 0) this.index -= 1;
    return this.current;
  }
  reset(): void {
    this.cursors = [null];
    this.index = 0;
  }
}

export function pageQuery(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

// One page of a list the API returns whole (a matching run's allocations):
// only `size` rows are rendered, and only their names are looked up.
export function slicePage<T>(items: T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: items.slice((current - 1) * size, current * size), page: current, pages };
}

// A list loaded page after page behind a "More" button: the items so far
// and the cursor of the page after them (null once the last page is in).
export interface Loaded<T> {
  items: T[];
  next: string | null;
}

// `loaded` with `page` after it (or `page` alone when nothing is loaded).
// An item already held is not added twice.
export function appendPage<T extends { id: string }>(loaded: Loaded<T> | null, page: Page<T>): Loaded<T> {
  const items = loaded ? [...loaded.items] : [];
  const held = new Set(items.map((item) => item.id));
  for (const item of page.items) {
    if (!held.has(item.id)) {
      held.add(item.id);
      items.push(item);
    }
  }
  return { items, next: page.next };
}
