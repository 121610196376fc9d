import { checkBindings } from './bindings.js';
import type { Issue } from './validate/issue.js';

/** Binding problems of a command as issues at `command` (shared with command components). @internal */
export function bindingIssues(spec: { command: string; inputs?: object; outputs?: object }, owner = 'job'): Issue[] {
  const keys = (group: unknown) => new Set(group && typeof group === 'object' ? Object.keys(group) : []);
  const scope = { inputs: keys(spec.inputs), outputs: keys(spec.outputs), owner };
  return checkBindings(spec.command, scope).map((p) => ({
    severity: 'error',
    path: ['command'],
    at: 'value',
    message: p.message,
    expected: p.expected,
    offsetInValue: p.offset,
  }));
}
