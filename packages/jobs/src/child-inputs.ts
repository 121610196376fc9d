/**
 * A parent's resolved input as its child takes it: the snapshot it was resolved to, without the
 * `source_path` resolution recorded beside it (a field of stored specs, not of submitted ones), so
 * every child reads the same content the parent resolved once.
 */
export function childInput(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const { source_path: _source, ...rest } = input as Record<string, unknown>;
  return structuredClone(rest);
}
