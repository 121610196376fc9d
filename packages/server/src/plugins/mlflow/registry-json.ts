import type { ModelVersion, RegisteredModel } from '@lathe/store';

/**
 * Registry entities in MLflow's JSON (`model_registry.proto`, snake_case): int64 as numbers,
 * unset optional fields left out. A version's status is always READY: it exists only once its
 * files are stored.
 */

/** A `ModelVersion` message. */
export function modelVersionJson(v: ModelVersion) {
  return {
    name: v.name,
    version: v.version,
    creation_timestamp: v.createdAt,
    last_updated_timestamp: v.updatedAt,
    current_stage: v.stage,
    ...(v.description !== null ? { description: v.description } : {}),
    source: v.source,
    ...(v.runId !== null ? { run_id: v.runId } : {}),
    ...(v.runLink !== null ? { run_link: v.runLink } : {}),
    ...(v.modelId !== null ? { model_id: v.modelId } : {}),
    status: 'READY',
    tags: v.tags,
    aliases: v.aliases,
  };
}

/** A `RegisteredModel` message, with its latest version per stage. */
export function registeredModelJson(m: RegisteredModel) {
  return {
    name: m.name,
    creation_timestamp: m.createdAt,
    last_updated_timestamp: m.updatedAt,
    ...(m.description !== null ? { description: m.description } : {}),
    latest_versions: m.latestVersions.map(modelVersionJson),
    tags: m.tags,
    aliases: m.aliases,
  };
}
