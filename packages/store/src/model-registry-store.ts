import type { ModelStage, RegistryFilterClause, RegistryOrderKey } from '@lathe/tracking';
import type { AssetVersion } from './asset-store.js';
import type { KeyValue, Page } from './tracking-store.js';

/** A registered model: a `model` asset name with MLflow's mutable metadata. */
export interface RegisteredModel {
  name: string;
  description: string | null;
  createdAt: number;
  updatedAt: number;
  tags: KeyValue[];
  /** Sorted by alias. */
  aliases: { alias: string; version: string }[];
  /** The newest visible version in each stage that has one, newest first. */
  latestVersions: ModelVersion[];
}

/**
 * A model version as MLflow sees it: a `model` asset version with a numeric version that is not
 * archived, plus its mutable metadata (description, stage, tags, aliases).
 */
export interface ModelVersion {
  name: string;
  version: string;
  createdAt: number;
  updatedAt: number;
  description: string | null;
  stage: ModelStage;
  /** What the version was created from, as given (`models:/m-…`, `runs:/…`, a job output…). */
  source: string;
  runId: string | null;
  runLink: string | null;
  /** The MLflow 3 logged model it was registered from. */
  modelId: string | null;
  tags: KeyValue[];
  /** Sorted. */
  aliases: string[];
  /** The immutable asset version behind it (its spec's `path` is the `blob://` snapshot). */
  asset: AssetVersion;
}

/** Input for {@link ModelRegistryStore.createRegisteredModel}. */
export interface CreateRegisteredModelInput {
  name: string;
  description?: string | null;
  tags?: KeyValue[];
  at: number;
}

/** Input for {@link ModelRegistryStore.createModelVersion}: the asset version, then MLflow's fields. */
export interface CreateModelVersionInput {
  name: string;
  /** The asset spec as stored (`path` a `blob://` snapshot). */
  spec: Record<string, unknown>;
  contentHash: string;
  source: string;
  runId?: string | null;
  runLink?: string | null;
  modelId?: string | null;
  description?: string | null;
  tags?: KeyValue[];
  at: number;
}

/** A registered-models/search or model-versions/search query (filter and order already parsed). */
export interface SearchRegistryQuery {
  filter: RegistryFilterClause[];
  orderBy: RegistryOrderKey[];
  maxResults: number;
  pageToken?: string;
}

/** What {@link ModelRegistryStore.updateModelVersion} changes; absent fields are kept. */
export interface UpdateModelVersionInput {
  description?: string | null;
  stage?: ModelStage;
  /** With `stage`: move the other versions in that stage to `Archived`. */
  archiveExisting?: boolean;
  at: number;
}

/** Which version {@link ModelRegistryStore.getModelVersion} reads. */
export type ModelVersionRef = { version: string } | { alias: string };

/**
 * MLflow's model registry over the asset registry: registered models are `model` asset names, and
 * model versions are their asset versions, so `lathe model` and MLflow clients see one set of
 * models. Asset versions are immutable; what MLflow may change (descriptions, tags, stages,
 * aliases) lives beside them. A version with a non-numeric name or archived is not an MLflow
 * version; deleting one through MLflow archives it (content is never deleted).
 *
 * Missing models and versions are `LATHE_NOT_FOUND` (with MLflow's messages), a taken name
 * `LATHE_CONFLICT`.
 */
export interface ModelRegistryStore {
  createRegisteredModel(workspace: string, input: CreateRegisteredModelInput): Promise<RegisteredModel>;
  getRegisteredModel(workspace: string, name: string): Promise<RegisteredModel>;
  /** Renames (with every version, tag, alias and lineage edge) and/or sets the description. */
  updateRegisteredModel(workspace: string, name: string, patch: { newName?: string; description?: string | null; at: number }): Promise<RegisteredModel>;
  /** Forgets the model's metadata and archives all of its versions. */
  deleteRegisteredModel(workspace: string, name: string): Promise<void>;
  searchRegisteredModels(workspace: string, query: SearchRegistryQuery): Promise<Page<RegisteredModel>>;
  /** Creates the next numeric version of a registered model. */
  createModelVersion(workspace: string, input: CreateModelVersionInput): Promise<ModelVersion>;
  /** `includeArchived` also finds archived versions (for Lathe's own asset routes). */
  getModelVersion(workspace: string, name: string, ref: ModelVersionRef, options?: { includeArchived?: boolean }): Promise<ModelVersion>;
  updateModelVersion(workspace: string, name: string, version: string, patch: UpdateModelVersionInput): Promise<ModelVersion>;
  /** Archives the version and drops its aliases. */
  deleteModelVersion(workspace: string, name: string, version: string, at: number): Promise<void>;
  searchModelVersions(workspace: string, query: SearchRegistryQuery): Promise<Page<ModelVersion>>;
  /** Sets (or, with `value: null`, deletes) a tag of a registered model, or of one version. */
  setRegistryTag(workspace: string, target: { name: string; version?: string }, key: string, value: string | null): Promise<void>;
  /** Points an alias at a version, or deletes it (`version: null`). */
  setAlias(workspace: string, name: string, alias: string, version: string | null): Promise<void>;
}
