export type TableRow = Record<string, string | number>;

/** Formats numbers for people: thousands separators, at most two decimals. */
export function formatCell(value: string | number): string {
  if (typeof value === 'string') return value;
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

/** Prints rows as an aligned plain-text table (numbers right-aligned), column order from the first row. */
export function printTable(title: string, rows: TableRow[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const cells = rows.map((row) => columns.map((column) => formatCell(row[column] ?? '')));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((line) => line[index].length)));
  const numeric = columns.map((column) => rows.every((row) => typeof row[column] === 'number'));
  const pad = (text: string, index: number) =>
    numeric[index] ? text.padStart(widths[index]) : text.padEnd(widths[index]);
  console.log(`\n${title}`);
  console.log(columns.map(pad).join('  '));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of cells) console.log(line.map(pad).join('  '));
}
