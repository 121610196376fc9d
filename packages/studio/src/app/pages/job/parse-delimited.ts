/**
 * The first `maxRows` rows of CSV/TSV text (RFC 4180 quoting: quoted fields may hold the
 * separator, newlines and doubled quotes). A last row cut off by a truncated read is dropped
 * when `complete` is false.
 */
export function parseDelimited(text: string, separator: string, maxRows: number, complete: boolean): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length && rows.length < maxRows) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === separator) {
      row.push(field);
      field = '';
    } else if (c === '\n') endRow();
    else if (c !== '\r') field += c;
    i++;
  }
  if (rows.length < maxRows && complete && (field !== '' || row.length > 0)) endRow();
  return rows;
}
