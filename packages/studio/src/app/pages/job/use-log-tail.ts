import { useCallback, useEffect, useRef, useState } from 'react';
import { lathe } from '../../client.js';

/** Lines fetched when the log opens, and per page when scrolling back. */
export const LOG_PAGE_LINES = 1000;
/** Lines kept in memory at most; scrolling back stops there (the download has the rest). */
export const KEPT_LINES = 20_000;
/** Updates of the view per second at most, however fast the log grows. */
const PUBLISH_MS = 250;

export interface LogTail {
  /** The lines loaded, oldest first; a line still being written is the last. */
  lines: string[];
  /** Byte offset where the first loaded line starts: above 0, earlier lines can be loaded. */
  start: number;
  /** Bytes of the log seen: where the last loaded line ends. */
  bytes: number;
  /** True while the server may still send more (the job has not ended). */
  streaming: boolean;
  /** True while an earlier page is being fetched. */
  loadingEarlier: boolean;
  /** True when lines were dropped to keep memory bounded: earlier pages cannot be joined on. */
  trimmed: boolean;
  error: Error | undefined;
}

/** The log's state and the call that loads the page before the first loaded line. */
export interface LogTailView extends LogTail {
  loadEarlier(): void;
}

/**
 * A job's log, opened at its end however big it is: the last {@link LOG_PAGE_LINES} lines are
 * read backwards by the server, then the log is followed live from there until the job ends (the
 * server closes the stream then); `loadEarlier` prepends the page before. Bytes are decoded as a
 * stream (a UTF-8 character may span chunks), a carriage return keeps what follows it (progress
 * bars redraw one line), and a dropped connection resumes at the byte offset it reached.
 */
export function useLogTail(name: string): LogTailView {
  const [tail, setTail] = useState<LogTail>({ lines: [], start: 0, bytes: 0, streaming: true, loadingEarlier: false, trimmed: false, error: undefined });
  const earlier = useRef<() => void>(() => undefined);
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    const decoder = new TextDecoder();
    let lines: string[] = [];
    let partial = '';
    let start = 0;
    let bytes = 0;
    let streaming = true;
    let loadingEarlier = false;
    let trimmed = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (error?: Error) => {
      clearTimeout(timer);
      timer = undefined;
      const shown = partial ? [...lines, lastFrame(partial)] : lines.slice();
      setTail({ lines: shown, start, bytes, streaming, loadingEarlier, trimmed, error });
    };
    const ingest = (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(lastFrame(line));
      if (lines.length > KEPT_LINES * 1.25) {
        lines = lines.slice(-KEPT_LINES);
        trimmed = true;
      }
      timer ??= setTimeout(() => publish(), PUBLISH_MS);
    };
    earlier.current = () => {
      if (loadingEarlier || start === 0 || trimmed || lines.length >= KEPT_LINES) return;
      loadingEarlier = true;
      publish();
      void (async () => {
        try {
          const page = await lathe.getLogTail(name, { lines: LOG_PAGE_LINES, before: start, signal });
          // The page ends where the first loaded line starts: its last piece joins that line.
          const parts = page.text.split('\n');
          const joined = (parts.pop() ?? '') + (lines[0] ?? partial);
          const head = parts.map(lastFrame);
          if (lines.length > 0) lines = [...head, lastFrame(joined), ...lines.slice(1)];
          else [lines, partial] = [head, joined];
          start = page.start;
          loadingEarlier = false;
          publish();
        } catch (error) {
          loadingEarlier = false;
          if (!signal.aborted) publish(error as Error);
        }
      })();
    };
    void (async () => {
      let delay = 1000;
      let opened = false;
      for (;;) {
        try {
          if (!opened) {
            const first = await lathe.getLogTail(name, { lines: LOG_PAGE_LINES, signal });
            [start, bytes, opened] = [first.start, first.end, true];
            ingest(first.text);
            publish();
          }
          // Followed on from the tail's end: the bytes before it are never fetched again.
          for await (const chunk of lathe.followLogs(name, { offset: bytes, signal })) {
            bytes += chunk.byteLength;
            delay = 1000;
            ingest(decoder.decode(chunk, { stream: true }));
          }
          ingest(decoder.decode());
          streaming = false;
          publish();
          return;
        } catch (error) {
          if (signal.aborted) return;
          if ((error as { code?: string }).code === 'LATHE_NOT_FOUND') {
            streaming = false;
            return publish(error as Error);
          }
          publish(error as Error);
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, 10_000);
        }
      }
    })();
    return () => {
      controller.abort();
      clearTimeout(timer);
      earlier.current = () => undefined;
    };
  }, [name]);
  const loadEarlier = useCallback(() => earlier.current(), []);
  return { ...tail, loadEarlier };
}

/** What a terminal shows of a line redrawn with carriage returns: the text after the last one. */
function lastFrame(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = text.lastIndexOf('\r');
  return cr < 0 ? text : text.slice(cr + 1);
}
