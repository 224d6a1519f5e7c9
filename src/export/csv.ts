/**
 * CSV as R's `read.csv`, pandas' `read_csv` and spreadsheets read it (RFC 4180): a header row,
 * commas, a field quoted when it holds a comma, a quote or a line break, quotes doubled, `\n`
 * line ends, one empty field for a value that is absent. Every CSV casus writes goes through here.
 */
export type CsvValue = string | number | boolean | undefined | null;

/** One field. */
export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  const s = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line, with its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\n`;
}

/** A whole table: the header, then each row in the header's order. */
export function csvTable<K extends string>(columns: readonly K[], rows: ReadonlyArray<Partial<Record<K, CsvValue>>>): string {
  return `${columns.join(',')}\n${rows.map((r) => csvLine(columns.map((c) => r[c]))).join('')}`;
}
