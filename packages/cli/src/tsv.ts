/**
 * `-o tsv`, as `az` prints it for scripts: a list is one line per item, anything else one line;
 * an object's values in key order, separated by tabs. Inside a line, a nested list prints as its
 * length and a nested object as an empty field (so columns line up across lines), null as an
 * empty field, and a string as is. An empty list prints nothing.
 */
export function tsv(result: unknown): string {
  const rows = Array.isArray(result) ? (result as unknown[]) : [result];
  return rows.map((row) => `${tsvRow(row)}\n`).join('');
}

function tsvRow(row: unknown): string {
  if (Array.isArray(row)) return row.map(tsvField).join('\t');
  if (row !== null && typeof row === 'object') return Object.values(row).map(tsvField).join('\t');
  return tsvField(row);
}

function tsvField(value: unknown): string {
  if (Array.isArray(value)) return String(value.length);
  if (value === null || value === undefined || typeof value === 'object') return '';
  return String(value as string | number | boolean);
}
