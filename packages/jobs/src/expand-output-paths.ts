import { LatheError, type JobSpecDocument } from '@lathe/core';

const EXPRESSION = /\$\{\{\s*([^}]*?)\s*\}\}/g;

/**
 * The spec with Azure ML's expressions in its outputs' `path` expanded, as Azure does when a job
 * is created: `${{name}}` is the job's name and `${{output_name}}` the output's, so
 * `azureml://datastores/workspaceblobstore/paths/runs/${{name}}/${{output_name}}/` gives each
 * job its own folder. Any other expression there is `LATHE_INVALID_SPEC` naming the output's
 * path. A copy; the spec is not changed.
 */
export function expandOutputPaths(spec: JobSpecDocument, jobName: string): JobSpecDocument {
  const outputs = spec.outputs;
  if (outputs === null || typeof outputs !== 'object') return spec;
  const expanded: Record<string, unknown> = {};
  for (const [port, output] of Object.entries(outputs as Record<string, unknown>)) {
    const path = output !== null && typeof output === 'object' ? (output as { path?: unknown }).path : undefined;
    if (typeof path !== 'string' || !path.includes('${{')) {
      expanded[port] = output;
      continue;
    }
    const value = path.replace(EXPRESSION, (text, expression: string) => {
      if (expression === 'name') return jobName;
      if (expression === 'output_name') return port;
      const field = `outputs.${port}.path`;
      throw new LatheError('LATHE_INVALID_SPEC', `${field}: ${text} is not an expression an output path can use`, {
        details: { field, expected: '${{name}} (the job) or ${{output_name}} (the output)' },
      });
    });
    expanded[port] = { ...(output as object), path: value };
  }
  return { ...spec, outputs: expanded };
}
