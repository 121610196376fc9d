import { hashSpec } from './hash-spec.js';
import type { CommandJob } from '@lathe/spec';

/**
 * The digest of what a resolved command job computes, for step reuse: two jobs with the same key
 * run the same command over the same code snapshot, in the same resolved environment, with the
 * same environment variables, resources and distribution, on the same parameters and the same
 * input contents (inputs are content-addressed snapshots by now), writing the same outputs.
 * Names, display names, tags, the experiment, the compute and limits are left out: they change
 * where or how a job is shown or run, not what it produces. Output paths are taken before
 * `${{name}}` is expanded, so two runs of one step agree.
 */
export function reuseKeyOf(spec: CommandJob): string {
  const inputs = Object.fromEntries(
    Object.entries(spec.inputs ?? {}).map(([name, value]) => {
      if (value === null || typeof value !== 'object') return [name, value];
      // Where a snapshot was copied from, and how it is mounted, do not change its content; an
      // output read in place is its content's digest, wherever it is stored.
      const { source_path: _source, mode: _mode, ...data } = value as Record<string, unknown>;
      if (typeof data.digest === 'string') return [name, { type: data.type, digest: data.digest }];
      return [name, data];
    }),
  );
  return hashSpec({
    command: spec.command,
    code: spec.code,
    environment: spec.resolved_environment ?? spec.environment,
    environment_variables: spec.environment_variables,
    resources: spec.resources,
    distribution: spec.distribution,
    inputs,
    outputs: spec.outputs,
  });
}
