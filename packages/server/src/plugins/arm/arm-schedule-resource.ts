import type { ScheduleRecord } from '@lathe/store';
import { armInputs, armOutputs } from './arm-job-resource.js';
import type { ArmScope } from './arm-scope.js';
import { toArmTrigger } from './arm-schedule-spec.js';
import { armSystemData } from './arm-system-data.js';

/**
 * A Lathe schedule in ARM's shape (`Schedule` with a `CreateJob` action). The job definition is
 * the stored job in the spelling `PUT jobs/{name}` reads, so the SDK's `begin_enable` and
 * `begin_disable` (a GET, then a PUT of what it got) send back the same job.
 */
export function armScheduleResource(scope: ArmScope, schedule: ScheduleRecord): Record<string, unknown> {
  const spec = schedule.spec;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    id: `${scope.workspaceId}/schedules/${schedule.name}`,
    name: schedule.name,
    type: 'Microsoft.MachineLearningServices/workspaces/schedules',
    properties: {
      displayName: text(spec.display_name),
      description: text(spec.description),
      tags: spec.tags ?? {},
      properties: spec.properties ?? {},
      isEnabled: schedule.enabled,
      provisioningState: 'Succeeded',
      trigger: toArmTrigger(spec.trigger as Record<string, unknown>),
      action: { actionType: 'CreateJob', jobDefinition: armJobDefinition(scope, spec.create_job as Record<string, unknown>) },
    },
    systemData: armSystemData(schedule.createdAt),
  };
}

type Step = { component?: string; compute?: string; display_name?: string; environment_variables?: Record<string, string>; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> };

// The reverse of `armPipelineToSpec`: components as ARM ids, inputs and outputs in REST spelling.
function armJobDefinition(scope: ArmScope, job: Record<string, unknown>): Record<string, unknown> {
  const jobs = Object.fromEntries(Object.entries((job.jobs ?? {}) as Record<string, Step>).map(([name, step]) => [name, armNode(scope, name, step)]));
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    jobType: 'Pipeline',
    displayName: text(job.display_name),
    description: text(job.description),
    experimentName: text(job.experiment_name),
    tags: job.tags ?? {},
    properties: job.properties ?? {},
    settings: job.settings ?? {},
    ...(typeof job.compute === 'string' ? { computeId: `${scope.workspaceId}/computes/${job.compute.replace(/^azureml:/, '')}` } : {}),
    inputs: armInputs(job.inputs),
    outputs: armOutputs(job.outputs),
    jobs,
  };
}

function armNode(scope: ArmScope, name: string, step: Step): Record<string, unknown> {
  const component = /^azureml:([^:@/]+):([^:@/]+)$/.exec(step.component ?? '');
  return {
    name,
    type: 'command',
    ...(step.component ? { componentId: component ? `${scope.workspaceId}/components/${component[1]}/versions/${component[2]}` : step.component } : {}),
    ...(step.compute ? { computeId: `${scope.workspaceId}/computes/${step.compute.replace(/^azureml:/, '')}` } : {}),
    ...(step.display_name ? { display_name: step.display_name } : {}),
    ...(step.environment_variables ? { environment_variables: step.environment_variables } : {}),
    inputs: Object.fromEntries(Object.entries(step.inputs ?? {}).map(([key, value]) => [key, armNodeInput(value)])),
    outputs: Object.fromEntries(Object.entries(step.outputs ?? {}).map(([key, value]) => [key, armNodeOutput(value)])),
  };
}

function armNodeInput(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object') return { job_input_type: 'literal', value: String(value) };
  const input = value as { type?: string; path?: string; mode?: string };
  return { job_input_type: input.type ?? 'uri_folder', uri: input.path ?? null, ...(input.mode ? { mode: input.mode } : {}) };
}

function armNodeOutput(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return { value };
  return { job_output_type: (value as { type?: string }).type ?? 'uri_folder' };
}
