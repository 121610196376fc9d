import { useMemo } from 'react';
import { bytes } from '../../format.js';
import { useAsync } from '../../use-async.js';
import { parseDelimited } from './parse-delimited.js';

/** Bytes of a text file read for a preview. */
const TEXT_LIMIT = 256 * 1024;
const TABLE_ROWS = 200;
const IMAGE = /\.(png|jpe?g|gif|svg|webp|bmp|ico)$/i;
const TABLE = /\.(csv|tsv)$/i;
const NUMBER = /^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$|^\s*$/i;

/** A file to preview: where to fetch it, its name, and its size when known. */
export interface PreviewFile {
  url: string;
  path: string;
  size?: number | undefined;
}

/**
 * A file's content, by kind: an image as an image, CSV/TSV as a table of its first rows, other
 * text as text (its first 256 KiB; JSON indented when whole), binary as its size; always with a
 * download link.
 */
export function FilePreview({ file }: { file: PreviewFile }) {
  const name = file.path.split('/').pop() ?? file.path;
  const image = IMAGE.test(name);
  const head = useAsync(async (signal) => (image ? undefined : readHead(file.url, signal)), [file.url, image]);
  const size = file.size ?? head.data?.size;
  return (
    <div className="preview panel" data-testid="artifact-preview" data-path={file.path}>
      <div className="preview-head">
        <span className="mono preview-name" title={file.path}>
          {file.path}
        </span>
        {size !== undefined ? <span className="muted small">{bytes(size)}</span> : null}
        <a className="button small" href={file.url} download={name} data-testid="preview-download">
          Download
        </a>
      </div>
      <div className="preview-body">
        {image ? (
          <img src={file.url} alt={file.path} className="preview-image" />
        ) : head.error ? (
          <div className="error-text">Could not read the file: {head.error.message}</div>
        ) : !head.data ? (
          <div className="muted">Loading…</div>
        ) : (
          <TextPreview name={name} head={head.data} size={size} />
        )}
      </div>
    </div>
  );
}

interface Head {
  text: string;
  binary: boolean;
  complete: boolean;
  /** The file's size, when the response or a whole read tells it. */
  size: number | undefined;
}

function TextPreview({ name, head, size }: { name: string; head: Head; size: number | undefined }) {
  const table = useMemo(() => (TABLE.test(name) && !head.binary ? parseDelimited(head.text, /\.tsv$/i.test(name) ? '\t' : ',', TABLE_ROWS + 1, head.complete) : undefined), [name, head]);
  if (head.binary) return <div className="muted">Binary file; download it to open it.</div>;
  if (table) {
    const [header = [], ...rows] = table;
    // A column whose every cell is a number reads better right-aligned, header included.
    const numeric = header.map((_, c) => rows.length > 0 && rows.every((row) => NUMBER.test(row[c] ?? '')));
    return (
      <>
        <div className="preview-scroll">
          <table className="table compact preview-table" data-testid="preview-table">
            <thead>
              <tr>
                {header.map((h, c) => (
                  <th key={c} className={numeric[c] ? 'num' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={numeric[c] ? 'num' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length >= TABLE_ROWS || !head.complete ? <div className="muted small preview-note">First {rows.length} rows.</div> : null}
      </>
    );
  }
  return (
    <>
      <pre className="preview-text">{head.complete && /\.json$/i.test(name) ? indentJson(head.text) : head.text}</pre>
      {head.complete ? null : (
        <div className="muted small preview-note">
          First {bytes(TEXT_LIMIT)}
          {size === undefined ? '' : ` of ${bytes(size)}`}.
        </div>
      )}
    </>
  );
}

function indentJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The first {@link TEXT_LIMIT} bytes of a file (the rest is not downloaded), decoded, and whether it looks binary. */
async function readHead(url: string, signal: AbortSignal): Promise<Head> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? NaN);
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let read = 0;
  let complete = true;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    read += value.byteLength;
    if (read > TEXT_LIMIT) {
      complete = false;
      await reader.cancel();
      break;
    }
  }
  const all = new Uint8Array(Math.min(read, TEXT_LIMIT));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, all.length - at);
    all.set(part, at);
    at += part.length;
  }
  const binary = all.subarray(0, 8192).includes(0);
  return { text: binary ? '' : new TextDecoder().decode(all), binary, complete, size: Number.isFinite(length) ? length : complete ? read : undefined };
}
