import type { ArtifactStore, JobRef } from '@lathe/store';

/** Characters of a matching line sent at most; the rest is cut (the offset locates it whole). */
export const SEARCH_LINE_MAX_CHARS = 2000;

/** A line longer than this is searched in pieces of this size (a match may then span two). */
const LONGEST_LINE_BYTES = 4 * 1024 * 1024;

/** One matching line: the byte offset it starts at and its text. */
export interface LogMatch {
  offset: number;
  text: string;
}

/** What {@link searchLog} looks for and where. */
export interface SearchLogOptions {
  /** Text to find, case-insensitively for ASCII letters. */
  query: string;
  /** First byte to search from; a line start (0, or a previous search's `next_offset`). */
  from: number;
  /** Matching lines to yield at most. */
  maxResults: number;
}

/** How a search ended: `nextOffset` is where to go on when `maxResults` cut it short. */
export interface SearchLogEnd {
  nextOffset: number | null;
  /** The log's size when the search started: the bytes it covered end there. */
  searchedTo: number;
}

/**
 * Yields the log's lines that contain `query`, in order, reading the log once as a stream (no
 * more than a chunk and one line in memory), and returns where it stopped. The search covers the
 * log as it is when it starts; a running job's later lines need another search.
 */
export async function* searchLog(artifacts: ArtifactStore, ref: JobRef, options: SearchLogOptions): AsyncGenerator<LogMatch, SearchLogEnd> {
  const needle = Buffer.from(options.query.toLowerCase());
  const size = await artifacts.logSize(ref);
  let found = 0;
  let carry: Buffer = Buffer.alloc(0);
  let base = options.from;
  // Yields the matches of one piece; returns the byte after the last wanted match's line, if reached.
  const scan = function* (text: Buffer, at: number): Generator<LogMatch, number | null> {
    for (const { offset, text: line, next } of matchesIn(text, at, needle)) {
      yield { offset, text: line };
      if (++found === options.maxResults) return next;
    }
    return null;
  };
  for await (const chunk of await artifacts.openLog(ref, options.from, size)) {
    const buffer = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    const cut = buffer.length > LONGEST_LINE_BYTES ? buffer.length - 1 : buffer.lastIndexOf(0x0a);
    if (cut < 0) {
      carry = buffer;
      continue;
    }
    const stop = yield* scan(buffer.subarray(0, cut + 1), base);
    if (stop !== null) return { nextOffset: stop < size ? stop : null, searchedTo: size };
    carry = buffer.subarray(cut + 1);
    base += cut + 1;
  }
  const stop = yield* scan(carry, base);
  return { nextOffset: stop !== null && stop < size ? stop : null, searchedTo: size };
}

/**
 * The lines of `text` (whose first byte is at `base`) that contain `needle` (lower case), one
 * match per line, each with `next`: the offset just after its line.
 */
function* matchesIn(text: Buffer, base: number, needle: Buffer): Generator<LogMatch & { next: number }> {
  const lower = asciiLowerCase(text);
  for (let at = lower.indexOf(needle); at >= 0;) {
    const start = at === 0 ? 0 : text.lastIndexOf(0x0a, at - 1) + 1;
    const br = text.indexOf(0x0a, at);
    const end = br < 0 ? text.length : br;
    const line = text.toString('utf8', start, Math.min(end, start + SEARCH_LINE_MAX_CHARS * 4)).replace(/\r$/, '');
    yield { offset: base + start, text: line.slice(0, SEARCH_LINE_MAX_CHARS), next: base + (br < 0 ? end : br + 1) };
    if (br < 0) return;
    at = lower.indexOf(needle, br + 1);
  }
}

/** A copy of `text` with the bytes of A–Z turned to a–z (UTF-8 multi-byte sequences never hold them). */
function asciiLowerCase(text: Buffer): Buffer {
  const out = Buffer.from(text);
  for (let i = 0; i < out.length; i++) {
    const byte = out[i] as number;
    if (byte >= 0x41 && byte <= 0x5a) out[i] = byte + 0x20;
  }
  return out;
}
