import type { OnUploadProgress, UploadProgress } from '@lathe/sdk';

/** The smallest time between two redraws of the progress line. */
const REDRAW_MS = 100;

/**
 * A progress line for uploads (`job create`, `data create`, `model create`) on a terminal: bytes
 * sent of the total, the rate and the time left, redrawn in place, and one closing line per
 * upload. Undefined when `stream` is not a terminal (a pipe, a file, CI), so scripts and logs
 * stay quiet.
 */
export function uploadProgressLine(stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr, now: () => number = Date.now): OnUploadProgress | undefined {
  if (!stream.isTTY) return undefined;
  let started = 0;
  let drawn = 0;
  return (progress: UploadProgress) => {
    const at = now();
    if (progress.sent === 0) started = at;
    const done = progress.sent >= progress.total;
    if (!done && at - drawn < REDRAW_MS) return;
    drawn = at;
    const elapsed = Math.max(at - started, 1) / 1000;
    const rate = progress.sent / elapsed;
    if (done) {
      stream.write(`\r\x1b[KUploaded ${progress.field}: ${bytes(progress.total)} in ${elapsed.toFixed(1)} s (${bytes(rate)}/s)\n`);
      return;
    }
    const percent = progress.total === 0 ? 100 : Math.floor((progress.sent / progress.total) * 100);
    const left = rate > 0 && progress.sent > 0 ? `, ${Math.ceil((progress.total - progress.sent) / rate)} s left` : '';
    stream.write(`\r\x1b[KUploading ${progress.field}: ${bytes(progress.sent)} of ${bytes(progress.total)} (${percent}%), ${bytes(rate)}/s${left}`);
  };
}

/** `{ onUploadProgress }` for the SDK's upload options when stderr is a terminal, else nothing. */
export function uploadProgressOption(): { onUploadProgress?: OnUploadProgress } {
  const onUploadProgress = uploadProgressLine();
  return onUploadProgress ? { onUploadProgress } : {};
}

/** `1.5 MiB`, `820 B`. */
export function bytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${units[unit]}`;
}
