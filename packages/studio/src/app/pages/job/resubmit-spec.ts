import type { JobResource, LineageEdgeResource } from '@lathe/api';

const ASSET_INPUT_KINDS = new Set(['data', 'model']);

/**
 * The spec that submits a copy of `job`: its stored spec minus what the server derived from it
 * when it created the job (the name, `resolved_environment`, and a component's command and code,
 * which the component brings again), with each asset input's reference restored from lineage —
 * the stored spec holds the snapshot an `azureml:iris-data:1` resolved to, and submitting the
 * reference again records the copy's lineage. An input copied from a datastore path, a job
 * output or a run names that URI again. Uploaded snapshots (`blob://…`, the job's code and local
 * inputs) stay as they are: the server still has them.
 */
export function resubmitSpec(job: JobResource, lineage: readonly LineageEdgeResource[]): Record<string, unknown> {
  const spec = structuredClone(job.spec);
  delete spec.name;
  delete spec.resolved_environment;
  if (spec.component !== undefined) {
    delete spec.command;
    delete spec.code;
  }
  const inputs = spec.inputs as Record<string, unknown> | undefined;
  // An input copied from a datastore path, a job output or a run names it again (`source_path`,
  // which the server added beside the snapshot, as it added a job output's `digest`, and does not
  // accept back), so the copy reads it anew.
  for (const input of Object.values(inputs ?? {})) {
    if (!isDataInput(input)) continue;
    const { source_path: source } = input as { source_path?: unknown };
    if (typeof source === 'string') input.path = source;
    delete (input as { source_path?: unknown }).source_path;
    delete (input as { digest?: unknown }).digest;
  }
  for (const edge of lineage) {
    const input = inputs?.[edge.port];
    if (edge.direction !== 'input' || !ASSET_INPUT_KINDS.has(edge.kind) || !isDataInput(input)) continue;
    input.path = `azureml:${edge.name}:${edge.version}`;
  }
  return spec;
}

/** A file or folder input (`{ type, path, mode }`), as opposed to a literal value. */
export function isDataInput(value: unknown): value is { path: string; type?: string; mode?: string } {
  return typeof value === 'object' && value !== null && typeof (value as { path?: unknown }).path === 'string';
}

/**
 * A literal input typed in a text field, as the type the job had: a number stays a number and a
 * boolean a boolean when the text reads as one; anything else is sent as text and the server
 * says what it expected.
 */
export function parseLiteral(text: string, original: unknown): string | number | boolean {
  const trimmed = text.trim();
  if (typeof original === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  if (typeof original === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
  return text;
}

/**
 * `spec` as users are shown it: the code and each data input still naming what the job stored
 * show the URI the server names it by (`job.uris`: an upload's datastore URI), never the
 * internal `blob://`; the request itself sends the stored paths.
 */
export function specForDisplay(spec: Record<string, unknown>, job: JobResource): Record<string, unknown> {
  const shown = structuredClone(spec);
  if (shown.code === job.spec.code && job.uris.code !== undefined) shown.code = job.uris.code;
  const inputs = (shown.inputs ?? {}) as Record<string, unknown>;
  const stored = (job.spec.inputs ?? {}) as Record<string, unknown>;
  for (const [name, input] of Object.entries(inputs)) {
    const uri = job.uris[`inputs.${name}`];
    const was = stored[name];
    if (uri !== undefined && isDataInput(input) && isDataInput(was) && input.path === was.path) input.path = uri;
  }
  return shown;
}
