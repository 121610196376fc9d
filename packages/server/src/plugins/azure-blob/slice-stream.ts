import { Readable } from 'node:stream';

/**
 * Bytes `start`..`end` (inclusive) of `source`, for a ranged Get Blob on a store that can only
 * stream a file from its beginning. The source is read no further than `end` and then destroyed.
 */
export function sliceStream(source: Readable, start: number, end: number): Readable {
  async function* slice(): AsyncGenerator<Buffer> {
    let position = 0;
    try {
      for await (const chunk of source) {
        const bytes = chunk as Buffer;
        const from = Math.max(0, start - position);
        const to = Math.min(bytes.length, end + 1 - position);
        position += bytes.length;
        if (to > from) yield bytes.subarray(from, to);
        if (position > end) return;
      }
    } finally {
      source.destroy();
    }
  }
  return Readable.from(slice());
}
