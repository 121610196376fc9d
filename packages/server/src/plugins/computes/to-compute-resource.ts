import type { ComputeResource } from '@lathe/api';
import type { ComputeRecord } from '@lathe/store';

/** The REST shape of a named compute, with its job counts. */
export function toComputeResource(compute: ComputeRecord, jobs: ComputeResource['jobs']): ComputeResource {
  const spec = compute.spec;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    name: compute.name,
    type: compute.type,
    builtin: false,
    size: text(spec.size),
    max_instances: compute.maxInstances,
    description: text(spec.description),
    tags: (spec.tags as Record<string, string> | undefined) ?? {},
    spec,
    jobs,
    created_at: new Date(compute.createdAt).toISOString(),
  };
}

/** The REST shape of a built-in compute (a backend of the server, `local`). */
export function toBuiltinComputeResource(name: string, capacity: number, jobs: ComputeResource['jobs']): ComputeResource {
  const description = 'Built in: jobs run as processes on the server’s machine';
  return { name, type: name, builtin: true, size: null, max_instances: capacity, description, tags: {}, spec: {}, jobs, created_at: '' };
}
