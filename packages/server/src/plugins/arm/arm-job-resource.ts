import type { JobRecord } from '@lathe/core';
import type { ArmScope } from './arm-scope.js';
import { armSystemData } from './arm-system-data.js';

/**
 * A Lathe command job in ARM's shape (`JobBase` with `CommandJob` properties): Lathe's statuses are
 * Azure's names already; `services.Studio.endpoint` opens the job in Lathe's Studio and already
 * holds a `?`, because the SDK appends `&tid=…` to make `studio_url`. `httpPort` is the plain
 * listener's port (see {@link studioBaseUrl}).
 */
export function armJobResource(scope: ArmScope, job: JobRecord, httpPort?: number): Record<string, unknown> {
  const spec = job.spec as Record<string, unknown>;
  const id = `${scope.workspaceId}/jobs/${job.name}`;
  return {
    id,
    name: job.name,
    type: 'Microsoft.MachineLearningServices/workspaces/jobs',
    properties: {
      jobType: 'Command',
      status: job.status,
      displayName: job.displayName,
      description: job.description,
      experimentName: job.experimentName,
      tags: job.tags,
      properties: spec.properties ?? {},
      command: spec.command ?? null,
      environmentId: typeof spec.environment === 'string' ? spec.environment : null,
      computeId: `${scope.workspaceId}/computes/${job.compute}`,
      environmentVariables: spec.environment_variables ?? {},
      inputs: armInputs(spec.inputs),
      outputs: armOutputs(spec.outputs),
      isArchived: job.archived,
      services: {
        Studio: { jobServiceType: 'Studio', endpoint: `${studioBaseUrl(scope, httpPort)}/jobs/${encodeURIComponent(job.name)}?wsid=${encodeURIComponent(scope.workspaceId)}` },
      },
    },
    systemData: armSystemData(job.createdAt),
  };
}

function armInputs(inputs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, input] of Object.entries((inputs ?? {}) as Record<string, unknown>)) {
    if (input === null || typeof input !== 'object') out[name] = { jobInputType: 'literal', value: String(input) };
    else {
      const { type, path } = input as { type?: string; path?: string };
      out[name] = { jobInputType: type ?? 'uri_folder', uri: path ?? null };
    }
  }
  return out;
}

function armOutputs(outputs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, output] of Object.entries((outputs ?? {}) as Record<string, { type?: string } | null>)) {
    out[name] = { jobOutputType: output?.type ?? 'uri_folder' };
  }
  return out;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where Studio opens for a client: a client on this machine reached the SDK's HTTPS listener, but
 * a browser opens the plain one without a certificate warning (the local CA is trusted by Python,
 * not by the browser), so loopback clients get `http://<host>:<httpPort>`; others the address they used.
 */
export function studioBaseUrl(scope: ArmScope, httpPort: number | undefined): string {
  const url = new URL(scope.baseUrl);
  if (url.protocol !== 'https:' || httpPort === undefined || !LOOPBACK.has(url.hostname)) return scope.baseUrl;
  return `http://${url.hostname}:${httpPort}`;
}
