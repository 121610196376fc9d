import type { JobRecord } from '@lathe/core';

/** A Queued job as the store would hold it, for controller tests. @internal */
export function jobRecord(name: string, spec: Record<string, unknown>, parent: string | null): JobRecord {
  return {
    workspace: 'default',
    name,
    type: String(spec.type),
    status: 'Queued',
    displayName: null,
    experimentName: 'Default',
    description: null,
    compute: 'local',
    tags: {},
    spec: spec as JobRecord['spec'],
    warnings: [],
    history: [],
    createdAt: 0,
    updatedAt: 0,
    startedAt: null,
    endedAt: null,
    handle: null,
    failure: null,
    exitCode: null,
    parent,
    root: parent,
    controllerState: null,
    finalization: null,
    archived: false,
    reusedFrom: null,
    schedule: null,
  };
}
