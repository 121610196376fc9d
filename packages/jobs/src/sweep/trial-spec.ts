import type { JobSpecDocument } from '@lathe/core';
import type { ParameterValue, Parameters } from '@lathe/controllers';
import { findBindings, type SweepJob } from '@lathe/spec';
import { childInput } from '../child-inputs.js';

/**
 * The command job one trial runs: the sweep's trial, inputs, outputs and compute, with every
 * `${{search_space.<name>}}` in the command replaced by the trial's value (`.<key>` reaches into
 * a conditional sub-space). The values are also the trial's literal inputs under their names, as
 * the Azure SDK's `command(lr=Uniform(...)).sweep()` refers to them as `${{inputs.lr}}`; so each
 * trial shows its parameters as inputs. Outputs are the sweep's without `name`/`version`: a
 * trial's outputs are not registered as assets, only the sweep's best are its outputs.
 */
export function trialSpec(sweep: SweepJob, parameters: Parameters): JobSpecDocument {
  const trial = sweep.trial;
  const inputs: Record<string, unknown> = Object.fromEntries(Object.entries(sweep.inputs ?? {}).map(([name, input]) => [name, childInput(input)]));
  for (const [name, value] of Object.entries(parameters)) inputs[name] = literalOf(value);
  const outputs = Object.fromEntries(Object.entries(sweep.outputs ?? {}).map(([name, { name: _n, version: _v, ...output }]) => [name, output]));
  return {
    type: 'command',
    // A component's command reads the parameters as the inputs they are.
    ...(trial.command !== undefined ? { command: renderSearchSpace(trial.command, parameters) } : {}),
    ...(trial.component !== undefined ? { component: trial.component } : {}),
    ...(trial.environment !== undefined ? { environment: trial.environment } : {}),
    ...(trial.code !== undefined ? { code: trial.code } : {}),
    ...(trial.environment_variables ? { environment_variables: trial.environment_variables } : {}),
    ...(trial.distribution ? { distribution: trial.distribution } : {}),
    ...(trial.resources ? { resources: trial.resources } : {}),
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
    ...(Object.keys(outputs).length > 0 ? { outputs } : {}),
    ...(sweep.compute !== undefined ? { compute: sweep.compute } : {}),
  };
}

/** Replaces `${{search_space.x}}` bindings; others (`inputs`, `outputs`) are left for the trial. */
export function renderSearchSpace(command: string, parameters: Parameters): string {
  let out = '';
  let at = 0;
  for (const b of findBindings(command)) {
    if (b.root !== 'search_space') continue;
    out += command.slice(at, b.offset) + textOf(valueAt(parameters, b.name));
    at = b.offset + b.text.length;
  }
  return out + command.slice(at);
}

function valueAt(parameters: Parameters, path: string): ParameterValue | undefined {
  let value: ParameterValue | undefined = undefined;
  let scope: Parameters | undefined = parameters;
  for (const key of path.split('.')) {
    value = scope?.[key];
    scope = typeof value === 'object' ? value : undefined;
  }
  return value;
}

// A number as Python prints it where the two agree (0.1, 3, 1e-7 reads back either way); a
// sub-space as JSON; a key the trial's sub-space lacks as nothing, as an absent optional value.
function textOf(value: ParameterValue | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function literalOf(value: ParameterValue): string | number {
  return typeof value === 'object' ? JSON.stringify(value) : value;
}
