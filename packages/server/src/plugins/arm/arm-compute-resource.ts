import type { ComputeRecord } from '@lathe/store';
import type { ArmScope } from './arm-scope.js';
import { armSystemData } from './arm-system-data.js';

/** Where a compute stands: a named cluster, or a built-in compute of the server (`local`) with its capacity. */
export type ArmComputeSource = { compute: ComputeRecord } | { builtin: string; capacity: number };

/**
 * A compute in ARM's shape (`ComputeResource` with `AmlCompute` properties), always provisioned:
 * a Lathe compute exists as soon as it is recorded. `currentNodeCount` is the jobs it runs now.
 * A built-in compute is a cluster of as many nodes as jobs it runs at once.
 */
export function armComputeResource(scope: ArmScope, source: ArmComputeSource, running: number): Record<string, unknown> {
  const name = 'compute' in source ? source.compute.name : source.builtin;
  const spec = 'compute' in source ? source.compute.spec : {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const location = text(spec.location) ?? 'local';
  const at = 'compute' in source ? source.compute : { createdAt: 0, updatedAt: 0 };
  const idle = spec.idle_time_before_scale_down;
  return {
    id: `${scope.workspaceId}/computes/${name}`,
    name,
    type: 'Microsoft.MachineLearningServices/workspaces/computes',
    location,
    tags: spec.tags ?? {},
    identity: null,
    properties: {
      computeType: 'AmlCompute',
      computeLocation: location,
      provisioningState: 'Succeeded',
      description: 'compute' in source ? text(spec.description) : 'Built in: jobs run as processes on the server’s machine',
      createdOn: new Date(at.createdAt).toISOString(),
      modifiedOn: new Date(at.updatedAt).toISOString(),
      resourceId: null,
      provisioningErrors: null,
      isAttachedCompute: false,
      disableLocalAuth: true,
      properties: {
        osType: 'Linux',
        vmSize: text(spec.size),
        vmPriority: spec.tier === 'low_priority' ? 'LowPriority' : 'Dedicated',
        scaleSettings: {
          maxNodeCount: 'compute' in source ? source.compute.maxInstances : source.capacity,
          minNodeCount: typeof spec.min_instances === 'number' ? spec.min_instances : 0,
          nodeIdleTimeBeforeScaleDown: typeof idle === 'number' ? `PT${idle}S` : null,
        },
        remoteLoginPortPublicAccess: spec.ssh_public_access_enabled === true ? 'Enabled' : 'Disabled',
        enableNodePublicIp: spec.enable_node_public_ip !== false,
        allocationState: 'Steady',
        currentNodeCount: running,
        targetNodeCount: running,
      },
    },
    systemData: armSystemData(at.createdAt),
  };
}
