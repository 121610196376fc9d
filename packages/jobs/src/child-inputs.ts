/**
 * A parent's resolved input as its child takes it: the snapshot (or the job output) it was
 * resolved to, without the `source_path` and `digest` resolution recorded beside it (fields of
 * stored specs, not of submitted ones; the child's own resolution finds the digest again), so
 * every child reads the same content the parent resolved once.
 */
export function childInput(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const { source_path: _source, digest: _digest, ...rest } = input as Record<string, unknown>;
  return structuredClone(rest);
}
