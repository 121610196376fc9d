import * as tar from 'tar';
import { isPlainArchiveEntry } from '@lathe/core';

/**
 * A tar extractor into `cwd` that keeps only regular files and folders (see
 * `isPlainArchiveEntry`). node-tar already refuses `..` and absolute entry paths.
 */
export function extractPlainFiles(cwd: string): NodeJS.WritableStream {
  return tar.extract({ cwd, strict: true, filter: (_path, entry) => isPlainArchiveEntry(entry as { type?: string }) }) as unknown as NodeJS.WritableStream;
}
