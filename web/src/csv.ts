// CSV exports. A spreadsheet runs a cell that starts with =, +, -, @, a tab
// or a carriage return as a formula (CSV injection), so such cells get a
// leading apostrophe; every cell is quoted when it needs to be (RFC 4180).

export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: Cell): string {
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Cell[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface Column<T> {
  header: string;
  hxl: string; // HXL hashtag with attributes, e.g. "#adm1+code"
  value: (row: T) => Cell;
}

export function exportCsv<T>(columns: Column<T>[], rows: T[]): string {
  return toCsv([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r)))]);
}

// HXL: the header row, then a row of hashtags, then the data.
export function exportHxl<T>(columns: Column<T>[], rows: T[]): string {
  return toCsv([
    columns.map((c) => c.header),
    columns.map((c) => c.hxl),
    ...rows.map((r) => columns.map((c) => c.value(r))),
  ]);
}

export function download(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
