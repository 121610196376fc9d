import { LatheError } from '@lathe/core';

/** How deeply a JSON request body may nest arrays and objects; no Lathe or MLflow body needs more. */
export const MAX_JSON_DEPTH = 64;

/**
 * The nesting depth of JSON `text`, counted by one pass over its brackets outside strings (no
 * recursion, so any depth is safe to measure). Stops counting once `limit` is passed and returns
 * `limit + 1`. Malformed text is measured too; parsing reports it afterwards.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/**
 * Throws `LATHE_BAD_REQUEST` (MLflow: `MALFORMED_REQUEST`) when JSON `text` nests deeper than
 * {@link MAX_JSON_DEPTH}, before anything parses or walks it recursively.
 */
export function checkJsonDepth(text: string, limit = MAX_JSON_DEPTH): void {
  if (jsonDepth(text, limit) <= limit) return;
  throw new LatheError('LATHE_BAD_REQUEST', `the JSON body nests deeper than ${limit} levels`, {
    details: { max_depth: limit, mlflowErrorCode: 'MALFORMED_REQUEST' },
  });
}
