import { useEffect, useState } from 'react';
import { lathe } from '../../client.js';

/** Lines kept in memory (search runs over them); older ones are counted, not kept. */
const KEPT_LINES = 100_000;
/** Updates of the view per second at most, however fast the log grows. */
const PUBLISH_MS = 250;

export interface LogTail {
  /** The last lines (at most {@link KEPT_LINES}); a line still being written is the last. */
  lines: string[];
  /** Lines seen since the start of the log, including those no longer kept. */
  totalLines: number;
  bytes: number;
  /** True while the server may still send more (the job has not ended). */
  streaming: boolean;
  error: Error | undefined;
}

/**
 * A job's log, read from the start and followed live until the job ends (the server closes the
 * stream then). Bytes are decoded as a stream (a UTF-8 character may span chunks), a carriage
 * return keeps what follows it (progress bars redraw one line), and a dropped connection resumes
 * at the byte offset it reached.
 */
export function useLogTail(name: string): LogTail {
  const [tail, setTail] = useState<LogTail>({ lines: [], totalLines: 0, bytes: 0, streaming: true, error: undefined });
  useEffect(() => {
    const controller = new AbortController();
    const decoder = new TextDecoder();
    let lines: string[] = [];
    let partial = '';
    let totalLines = 0;
    let bytes = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const publish = (streaming: boolean, error?: Error) => {
      clearTimeout(timer);
      timer = undefined;
      const kept = lines.length > KEPT_LINES ? lines.slice(-KEPT_LINES) : lines.slice();
      const shown = partial ? [...kept, lastFrame(partial)] : kept;
      setTail({ lines: shown, totalLines: totalLines + (partial ? 1 : 0), bytes, streaming, error });
    };
    const ingest = (text: string) => {
      const parts = (partial + text).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) lines.push(lastFrame(line));
      totalLines += parts.length;
      if (lines.length > KEPT_LINES * 1.25) lines = lines.slice(-KEPT_LINES);
      timer ??= setTimeout(() => publish(true), PUBLISH_MS);
    };
    void (async () => {
      let delay = 1000;
      for (;;) {
        try {
          for await (const chunk of lathe.followLogs(name, { offset: bytes, signal: controller.signal })) {
            bytes += chunk.byteLength;
            delay = 1000;
            ingest(decoder.decode(chunk, { stream: true }));
          }
          ingest(decoder.decode());
          publish(false);
          return;
        } catch (error) {
          if (controller.signal.aborted) return;
          if ((error as { code?: string }).code === 'LATHE_NOT_FOUND') return publish(false, error as Error);
          publish(true, error as Error);
          await new Promise((resolve) => setTimeout(resolve, delay));
          delay = Math.min(delay * 2, 10_000);
        }
      }
    })();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [name]);
  return tail;
}

/** What a terminal shows of a line redrawn with carriage returns: the text after the last one. */
function lastFrame(line: string): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = text.lastIndexOf('\r');
  return cr < 0 ? text : text.slice(cr + 1);
}
