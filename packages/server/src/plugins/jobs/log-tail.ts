import type { ArtifactStore, JobRef } from '@lathe/store';

/** Bytes read per step when scanning a log backwards for line breaks. */
const BLOCK_BYTES = 64 * 1024;

/** What {@link findLogTail} looks for. */
export interface LogTailOptions {
  /** Whole lines wanted (≥ 1). */
  lines: number;
  /** The tail ends here (exclusive byte offset): the log's size, or where an earlier page began. */
  end: number;
  /** Bytes the tail may span at most; a longer tail starts mid-line at `end - maxBytes`. */
  maxBytes: number;
}

/** A byte range of the log, `[start, end)`. */
export interface LogRange {
  start: number;
  end: number;
}

/**
 * The range of the last `lines` lines of the job's log that end at `end`, found by reading
 * backwards from `end` in blocks, so the cost depends on the tail's size, never the log's. A
 * line break at `end - 1` ends the last line rather than starting an empty one. The range starts
 * at a line start unless the lines span more than `maxBytes`.
 */
export async function findLogTail(artifacts: ArtifactStore, ref: JobRef, options: LogTailOptions): Promise<LogRange> {
  const { lines, end } = options;
  const floor = Math.max(0, end - options.maxBytes);
  let breaks = 0;
  for (let to = end; to > floor;) {
    const from = Math.max(floor, to - BLOCK_BYTES);
    const block = await readRange(artifacts, ref, from, to);
    for (let i = block.length - 1; i >= 0; i--) {
      if (block[i] !== 0x0a || from + i === end - 1) continue;
      if (++breaks === lines) return { start: from + i + 1, end };
    }
    to = from;
  }
  return { start: floor, end };
}

async function readRange(artifacts: ArtifactStore, ref: JobRef, start: number, end: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await artifacts.openLog(ref, start, end)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
