import { AmlComputeSchema } from './schema/compute-schema.js';
import { CommandComponentSchema } from './schema/command-component-schema.js';
import { CommandJobSchema } from './schema/command-job-schema.js';
import { DataAssetSchema } from './schema/data-asset-schema.js';
import { DatastoreSchema } from './schema/datastore-schema.js';
import { EnvironmentSchema } from './schema/environment-schema.js';
import { ModelAssetSchema } from './schema/model-asset-schema.js';
import { ParallelJobSchema } from './schema/parallel-job-schema.js';
import { PipelineComponentSchema } from './schema/pipeline-component-schema.js';
import { PipelineJobSchema } from './schema/pipeline-job-schema.js';
import { SweepJobSchema } from './schema/sweep-job-schema.js';
import { WorkspaceSchema } from './schema/workspace-schema.js';
import { ScheduleSchema } from './schema/schedule-schema.js';

/**
 * The published JSON Schema of every YAML kind, keyed by file name. Written to
 * `packages/spec/schemas/` by the build and served at `/api/v1/schemas/<file>`.
 */
export const JSON_SCHEMAS: Readonly<Record<string, object>> = {
  'commandJob.schema.json': toJsonSchema(CommandJobSchema),
  'sweepJob.schema.json': toJsonSchema(SweepJobSchema),
  'pipelineJob.schema.json': toJsonSchema(PipelineJobSchema),
  'parallelJob.schema.json': toJsonSchema(ParallelJobSchema),
  'commandComponent.schema.json': toJsonSchema(CommandComponentSchema),
  'pipelineComponent.schema.json': toJsonSchema(PipelineComponentSchema),
  'data.schema.json': toJsonSchema(DataAssetSchema),
  'datastore.schema.json': toJsonSchema(DatastoreSchema),
  'environment.schema.json': toJsonSchema(EnvironmentSchema),
  'model.schema.json': toJsonSchema(ModelAssetSchema),
  'amlCompute.schema.json': toJsonSchema(AmlComputeSchema),
  'workspace.schema.json': toJsonSchema(WorkspaceSchema),
  'schedule.schema.json': toJsonSchema(ScheduleSchema),
};

function toJsonSchema(schema: object): object {
  const plain = withoutDefaultedRequired(JSON.parse(JSON.stringify(schema))) as object;
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...plain };
}

// TypeBox lists a property with a default as required, because the normalised spec always has
// it; a file may leave it out (Lathe fills the default), so editors must not ask for it.
function withoutDefaultedRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDefaultedRequired);
  if (node === null || typeof node !== 'object') return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withoutDefaultedRequired(v)])) as Record<string, unknown>;
  // Lathe only warns about unknown keys in lenient blocks; editors must not flag them either.
  if (out['x-lathe-unknown'] === 'warn') delete out.additionalProperties;
  const properties = (out.properties ?? {}) as Record<string, { default?: unknown }>;
  if (Array.isArray(out.required)) {
    const required = (out.required as string[]).filter((key) => properties[key]?.default === undefined);
    if (required.length > 0) out.required = required;
    else delete out.required;
  }
  return out;
}
