/** A path into a document: keys and list indexes from the root. */
export type FieldPath = readonly (string | number)[];

/**
 * One finding of the validator. `at: 'key'` points at a mapping key (unknown field), `'value'`
 * at the value (wrong type), `'container'` at the enclosing mapping (missing field).
 */
export interface Issue {
  severity: 'error' | 'warning';
  path: FieldPath;
  at: 'key' | 'value' | 'container';
  message: string;
  /** What would have been accepted, for a person. */
  expected?: string;
  /** Character offset inside a string value (bindings in `command`). */
  offsetInValue?: number;
}

/** Dotted form of a path: `inputs.data.mode`, `resources.locations[0]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(document)' : out;
}
