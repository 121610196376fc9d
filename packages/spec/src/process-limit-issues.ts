import type { Issue } from './validate/issue.js';

/**
 * The longest single argument or environment entry Lathe passes to a process, in bytes: under
 * Linux's `MAX_ARG_STRLEN` (131072), which `execve` enforces on each string.
 */
export const MAX_PROCESS_STRING_BYTES = 128 * 1024;

const NUL_EXPECTED = 'text without NUL bytes (\\0), which no process argument or environment entry can hold';
const LONG_EXPECTED = `at most ${MAX_PROCESS_STRING_BYTES} bytes (128 KiB); put a long script in a file under code: and run that`;

interface ProcessFields {
  command?: unknown;
  experiment_name?: unknown;
  display_name?: unknown;
  inputs?: unknown;
  environment_variables?: unknown;
}

/**
 * Problems the schema lets through but the operating system refuses when the job starts: a NUL
 * byte in `command`, `experiment_name`, `display_name`, a literal input or an environment
 * variable (name or value), a `=` in a variable's name, and a `command`, literal input or
 * variable over {@link MAX_PROCESS_STRING_BYTES} — the command also once its literal inputs are
 * filled in. Each issue is placed at the offending field.
 * Fields of the wrong type are left to the schema. @internal
 */
export function processLimitIssues(spec: ProcessFields): Issue[] {
  const issues = [
    ...stringIssues(['command'], spec.command),
    ...renderedIssues(spec.command, spec.inputs),
    ...stringIssues(['experiment_name'], spec.experiment_name),
    ...stringIssues(['display_name'], spec.display_name),
  ];
  for (const [name, input] of entries(spec.inputs)) issues.push(...stringIssues(['inputs', name], input));
  for (const [name, value] of entries(spec.environment_variables)) {
    issues.push(...nameIssues(name), ...stringIssues(['environment_variables', name], value));
  }
  return issues;
}

function stringIssues(path: string[], value: unknown): Issue[] {
  if (typeof value !== 'string') return [];
  const issues: Issue[] = [];
  const nul = value.indexOf('\0');
  if (nul >= 0) issues.push({ severity: 'error', path, at: 'value', message: `contains a NUL byte at character ${nul}`, expected: NUL_EXPECTED });
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PROCESS_STRING_BYTES) {
    issues.push({ severity: 'error', path, at: 'value', message: `is ${bytes} bytes, more than the operating system passes to a process`, expected: LONG_EXPECTED });
  }
  return issues;
}

// `${{inputs.x}}` with a literal value becomes that value in the command the launcher runs.
function renderedIssues(command: unknown, inputs: unknown): Issue[] {
  if (typeof command !== 'string' || Buffer.byteLength(command) > MAX_PROCESS_STRING_BYTES) return [];
  const literals = new Map(entries(inputs).filter(([, v]) => typeof v !== 'object'));
  const rendered = command.replace(/\$\{\{\s*inputs\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (text, name: string) => (literals.has(name) ? String(literals.get(name)) : text));
  const bytes = Buffer.byteLength(rendered);
  if (bytes <= MAX_PROCESS_STRING_BYTES) return [];
  const message = `is ${bytes} bytes once its literal inputs are filled in, more than the operating system passes to a process`;
  return [{ severity: 'error', path: ['command'], at: 'value', message, expected: LONG_EXPECTED }];
}

function nameIssues(name: string): Issue[] {
  const path = ['environment_variables', name];
  if (name.includes('\0')) return [{ severity: 'error', path, at: 'key', message: 'the variable name contains a NUL byte', expected: NUL_EXPECTED }];
  if (name === '' || name.includes('=')) {
    return [{ severity: 'error', path, at: 'key', message: `'${name}' is not a variable name`, expected: 'a non-empty name without = or NUL bytes' }];
  }
  return [];
}

function entries(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
}
