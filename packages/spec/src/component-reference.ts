import { hasUriScheme } from '@lathe/core';
import { commandComponentIssues } from './command-component.js';
import type { FieldPath, Issue } from './validate/issue.js';

const WORKSPACE_COMPONENT = /^azureml:(?!\/\/)[A-Za-z0-9][A-Za-z0-9_.-]*(:[^:@/]+|@[A-Za-z0-9_.-]+)$/;

/**
 * What is wrong with a job's `component` (at `path`): an inline component is checked as a command
 * component file would be; a string must name a workspace component. A local component file
 * (`./train.yml`, `file:train.yml`) is refused with what to do: the client reads it and sends it
 * inline, as `lathe job create` does, for the server cannot read the user's files.
 */
export function componentReferenceIssues(component: string | Record<string, unknown>, path: FieldPath): Issue[] {
  if (typeof component !== 'string') return commandComponentIssues(component).map((issue) => ({ ...issue, path: [...path, ...issue.path] }));
  const expected = 'azureml:<name>:<version>, azureml:<name>@latest, or an inline component';
  if (!component.startsWith('azureml:') && !hasUriScheme(component.replace(/^file:/, ''))) {
    return [{ severity: 'error', path, at: 'value', message: `'${component}' is a local component file, which the client reads and sends inline (lathe job create does)`, expected }];
  }
  if (!WORKSPACE_COMPONENT.test(component)) return [{ severity: 'error', path, at: 'value', message: `'${component}' is not a component reference`, expected }];
  return [];
}
