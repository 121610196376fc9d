import { parse as parseYamlScalar } from 'yaml';
import { LatheError } from '@lathe/core';

/** One parsed `--set path=value` argument. */
export interface SetOverride {
  path: string[];
  value: unknown;
  /** The argument as given, for error reports. */
  source: string;
}

/**
 * Parses `--set` arguments as `az ml` takes them: `inputs.learning_rate=0.01`,
 * `environment_variables.MODE=fast`, `compute=local`. The value is read as a YAML scalar or flow
 * collection, so `5` is a number and `[a, b]` a list. Throws `LATHE_INVALID_SPEC` when an argument
 * has no `=` or an empty path segment.
 */
export function parseSetOverrides(args: readonly string[]): SetOverride[] {
  return args.map((source) => {
    const eq = source.indexOf('=');
    const path = eq > 0 ? source.slice(0, eq).split('.') : [];
    if (eq <= 0 || path.some((p) => p.trim() === '')) {
      throw new LatheError('LATHE_INVALID_SPEC', `--set ${source}: expected path=value, e.g. inputs.learning_rate=0.01`, {
        details: { set: source },
      });
    }
    const text = source.slice(eq + 1);
    return { path: path.map((p) => p.trim()), value: readValue(text, source), source };
  });
}

function readValue(text: string, source: string): unknown {
  if (text === '') return '';
  try {
    return parseYamlScalar(text);
  } catch (cause) {
    throw new LatheError('LATHE_INVALID_SPEC', `--set ${source}: the value is not valid YAML`, { details: { set: source }, cause });
  }
}
