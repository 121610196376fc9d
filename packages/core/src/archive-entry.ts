const PLAIN_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory']);

/**
 * True for tar entry types Lathe unpacks: regular files and folders. Links are dropped, since a
 * link in an uploaded archive could point outside its folder and be followed by a later read.
 */
export function isPlainArchiveEntry(entry: { type?: string }): boolean {
  return PLAIN_TYPES.has(entry.type ?? '');
}
