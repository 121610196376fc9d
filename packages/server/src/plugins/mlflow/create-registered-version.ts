import { LatheError } from '@lathe/core';
import { validateAsset } from '@lathe/spec';
import type { KeyValue, ModelVersion } from '@lathe/store';
import type { ServerContext } from '../../server-context.js';
import { hashSpec, snapshotOf } from '@lathe/jobs';
import { isPromptVersion, promptSnapshot } from './prompt-snapshot.js';

/** What model-versions/create asks for. */
export interface RegisterVersionInput {
  name: string;
  source: string;
  runId?: string;
  modelId?: string;
  runLink?: string;
  description: string | null;
  tags: KeyValue[];
  at: number;
}

/** The logged-model tag listing the registered versions made from a logged model (MLflow's). */
const MODEL_VERSIONS_TAG = 'mlflow.modelVersions';

/**
 * model-versions/create: snapshots the files `source` names into a blob, as Lathe's asset routes
 * do, and files them as the next numeric version of the `model` asset (type `mlflow_model` when
 * they hold an `MLmodel`), with lineage to the job whose run produced them. Without `run_id`, the
 * run is the logged model's source run or the `runs:/` source's; a logged model is tagged with
 * the new version, as MLflow's server does. A prompt version (MLflow 3's `register_prompt`) names
 * no files: its `source` is kept as given and its template is stored instead.
 */
export async function createRegisteredVersion(ctx: ServerContext, workspace: string, input: RegisterVersionInput): Promise<ModelVersion> {
  await ctx.modelRegistry.getRegisteredModel(workspace, input.name);
  const modelId = input.modelId ?? /^models:\/(m-[^/]+)\/?$/.exec(input.source)?.[1];
  const logged = modelId === undefined ? undefined : await ctx.tracking.getLoggedModel(workspace, modelId);
  const runId = input.runId ?? logged?.sourceRunId ?? /^runs:\/([^/]+)/.exec(input.source)?.[1] ?? null;
  // A prompt's version has no model files: its template, in a tag, becomes its one file.
  const snapshot = isPromptVersion(input.tags) ? await promptSnapshot(ctx, input.tags) : await snapshotOf(ctx, workspace, input.source, 'source');
  const type = snapshot.mlflowModel === true ? 'mlflow_model' : 'custom_model';
  const { spec } = validateAsset('model', { name: input.name, type, path: snapshot.blob }, 'source');
  const stored = { ...spec, source_path: input.source };
  const version = await ctx.modelRegistry.createModelVersion(workspace, {
    name: input.name,
    spec: stored,
    contentHash: hashSpec({ ...stored, version: undefined }),
    source: input.source,
    runId,
    runLink: input.runLink ?? null,
    modelId: modelId ?? null,
    description: input.description,
    tags: input.tags,
    at: input.at,
  });
  if (snapshot.produced !== undefined) {
    await ctx.registry.recordLineage(workspace, [{ ...snapshot.produced, direction: 'output', kind: 'model', name: version.name, version: version.version }]);
  }
  if (modelId !== undefined) await tagLoggedModel(ctx, workspace, modelId, version, input.at);
  return version;
}

async function tagLoggedModel(ctx: ServerContext, workspace: string, modelId: string, version: ModelVersion, at: number): Promise<void> {
  const model = await ctx.tracking.getLoggedModel(workspace, modelId);
  const existing = model.tags.find((t) => t.key === MODEL_VERSIONS_TAG)?.value;
  let list: unknown[] = [];
  try {
    const parsed: unknown = existing === undefined ? [] : JSON.parse(existing);
    list = Array.isArray(parsed) ? parsed : [];
  } catch (error) {
    // A hand-written tag that is not JSON is replaced, as MLflow would fail to read it anyway.
    if (!(error instanceof SyntaxError)) throw new LatheError('LATHE_INTERNAL', String(error), { cause: error });
  }
  const entry = { name: version.name, version: version.version };
  if (!list.some((e) => JSON.stringify(e) === JSON.stringify(entry))) list.push(entry);
  await ctx.tracking.setLoggedModelTags(workspace, modelId, [{ key: MODEL_VERSIONS_TAG, value: JSON.stringify(list) }], at);
}
