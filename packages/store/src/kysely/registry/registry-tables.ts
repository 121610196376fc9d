import type { ModelStage } from '@lathe/tracking';
import type { Selectable } from 'kysely';
import type { MillisColumn } from '../schema.js';

/** `registered_models`: one row per registered model (a `model` asset name MLflow knows). */
export interface RegisteredModelsTable {
  workspace: string;
  name: string;
  description: string | null;
  created_at: MillisColumn;
  updated_at: MillisColumn;
}

/** `registered_model_tags`: a registered model's tags, keyed by (workspace, name, key). */
export interface RegisteredModelTagsTable {
  workspace: string;
  name: string;
  key: string;
  value: string;
}

/** `registered_model_aliases`: one row per alias; `version` is the version it points at. */
export interface RegisteredModelAliasesTable {
  workspace: string;
  name: string;
  alias: string;
  version: string;
}

/**
 * `model_version_meta`: the mutable side of each `model` asset version, one row per version.
 * `version_number` is the version as an integer when it is one (MLflow sees only those).
 */
export interface ModelVersionMetaTable {
  workspace: string;
  name: string;
  version: string;
  version_number: MillisColumn | null;
  description: string | null;
  stage: ModelStage;
  source: string;
  run_id: string | null;
  run_link: string | null;
  model_id: string | null;
  updated_at: MillisColumn;
}

/** `model_version_tags`: a model version's tags, keyed by (workspace, name, version, key). */
export interface ModelVersionTagsTable {
  workspace: string;
  name: string;
  version: string;
  key: string;
  value: string;
}

/** The model registry tables as Kysely sees them. */
export interface RegistryTables {
  registered_models: RegisteredModelsTable;
  registered_model_tags: RegisteredModelTagsTable;
  registered_model_aliases: RegisteredModelAliasesTable;
  model_version_meta: ModelVersionMetaTable;
  model_version_tags: ModelVersionTagsTable;
}

/** A `registered_models` row as selected. */
export type RegisteredModelRow = Selectable<RegisteredModelsTable>;
