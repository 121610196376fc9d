/** The most characters of a client's value that an error message repeats. */
export const MAX_ECHO_CHARS = 200;

/** The most characters of an error message, in Lathe's shape and MLflow's; longer ones are cut. */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * `text` cut to `max` characters with `…(N more)` appended when longer, so an error never
 * repeats a huge value back.
 */
export function clipText(text: string, max = MAX_ECHO_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length - max} more)`;
}

/**
 * A short JSON rendering of any value for an error message: clipped to `max` characters, and
 * `[unprintable value]` where JSON cannot render it (too deep, cyclic, a bigint).
 */
export function previewValue(value: unknown, max = MAX_ECHO_CHARS): string {
  try {
    return clipText(JSON.stringify(value) ?? String(value), max);
  } catch {
    return '[unprintable value]';
  }
}
