import type { JobSpecDocument } from '@lathe/core';
import { appendRowOutput, parallelInputName, validateParallelJob, type CommandJob, type ParallelJobSpec } from '@lathe/spec';
import { commandKind } from '../command-kind.js';
import type { JobKind, ResolvedJob } from '../job-kind.js';
import { reuseKeyOf } from '../reuse-key.js';

/** Azure's defaults: three retries of a mini-batch, a minute each; no limit on failed mini-batches. */
const DEFAULT_RETRIES = 3;
const DEFAULT_TIMEOUT_S = 60;

/**
 * `type: parallel`: Azure ML's parallel job (a pipeline's parallel step; batch deployments run
 * the same). It runs as one process on its compute, as a command job does: Lathe's driver
 * (`python -m lathe_parallel`, shipped beside the job's Python) splits `input_data` into
 * mini-batches and runs the entry script's `init()` once per worker and `run(mini_batch)` per
 * mini-batch, in `instance_count × max_concurrency_per_instance` worker processes, with the
 * retries, timeout and error threshold of the spec. At submit the job is resolved as the command
 * job that runs the driver — code, environment, inputs — which is what is stored beside the
 * parallel settings, so the launcher runs it as it runs a command.
 */
export const parallelKind: JobKind = {
  type: 'parallel',
  description: "an entry script's run(mini_batch) over mini-batches of a data input, in worker processes that each call init() once",
  validate(document, field) {
    const { spec, warnings } = validateParallelJob(document, field);
    return { spec: { ...spec, type: 'parallel' }, warnings: [...warnings, ...localWarnings(spec)] };
  },
  async resolve(ctx, workspace, document, options = {}): Promise<ResolvedJob> {
    const parallel = structuredClone(document) as JobSpecDocument & ParallelJobSpec;
    const { task } = parallel;
    const asCommand: JobSpecDocument = {
      type: 'command',
      command: driverCommand(parallel),
      ...(task.code !== undefined ? { code: task.code } : {}),
      ...(task.environment !== undefined ? { environment: task.environment } : {}),
      ...(parallel.environment_variables ? { environment_variables: parallel.environment_variables } : {}),
      ...(parallel.inputs ? { inputs: parallel.inputs } : {}),
      ...(parallel.outputs ? { outputs: parallel.outputs } : {}),
    };
    const resolved = await commandKind.resolve(ctx, workspace, asCommand, options);
    const command = resolved.spec as CommandJob;
    const spec = {
      ...parallel,
      type: 'parallel',
      command: command.command,
      ...(command.code !== undefined ? { code: command.code } : {}),
      ...(command.inputs ? { inputs: command.inputs } : {}),
      ...(command.outputs ? { outputs: command.outputs } : {}),
      ...(command.environment !== undefined ? { environment: command.environment } : {}),
      ...(command.resolved_environment ? { resolved_environment: command.resolved_environment } : {}),
    };
    // The output-path expansion and the launcher read the command-job fields beside the parallel ones.
    return { spec, consumed: resolved.consumed, warnings: resolved.warnings, reuseKey: reuseKeyOf(command) };
  },
};

/**
 * The driver's command line: the settings as flags, then `--` and the program arguments, whose
 * `${{inputs.x}}` and `${{outputs.y}}` the launcher fills in as in any command.
 */
export function driverCommand(spec: ParallelJobSpec): string {
  const input = parallelInputName(spec) as string;
  const workers = (spec.resources?.instance_count ?? 1) * (spec.max_concurrency_per_instance ?? 1);
  const appendTo = appendRowOutput(spec);
  const flags = [
    `--entry-script ${quote(spec.task.entry_script)}`,
    `--input \${{inputs.${input}}}`,
    `--mini-batch-size ${quote(String(spec.mini_batch_size ?? 1))}`,
    ...(spec.partition_keys ? [`--partition-keys ${quote(spec.partition_keys.join(','))}`] : []),
    `--workers ${workers}`,
    `--error-threshold ${spec.mini_batch_error_threshold ?? -1}`,
    `--max-retries ${spec.retry_settings?.max_retries ?? DEFAULT_RETRIES}`,
    `--timeout ${spec.retry_settings?.timeout ?? DEFAULT_TIMEOUT_S}`,
    `--output-action ${spec.output_action ?? 'append_row'}`,
    ...(appendTo !== undefined ? [`--append-to \${{outputs.${appendTo}}}`] : []),
    `--logging-level ${spec.logging_level ?? 'INFO'}`,
  ];
  const program = spec.task.program_arguments?.replace(/\s+/g, ' ').trim();
  return `python -m lathe_parallel ${flags.join(' ')}${program ? ` -- ${program}` : ''}`;
}

// The shell reads the command: a value with anything but plain characters is single-quoted.
function quote(value: string): string {
  return /^[A-Za-z0-9_./,:=+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

function localWarnings(spec: ParallelJobSpec): string[] {
  const instances = spec.resources?.instance_count ?? 1;
  return instances > 1 ? [`resources.instance_count ${instances}: on local compute the instances are ${instances} groups of worker processes on one machine`] : [];
}
