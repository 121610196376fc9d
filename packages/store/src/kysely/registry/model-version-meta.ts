import { MODEL_STAGES, type ModelStage } from '@lathe/tracking';
import type { Kysely } from 'kysely';
import type { AssetVersion } from '../../asset-store.js';
import type { Database } from '../schema.js';

/** The mutable side of a new model version, as first written. */
export interface VersionMeta {
  description: string | null;
  stage: ModelStage;
  source: string;
  runId: string | null;
  runLink: string | null;
  modelId: string | null;
}

/**
 * The metadata a `model` asset version created through Lathe's own routes starts with: its spec's
 * description and stage (when it is one of MLflow's), its source path, and the run it came from
 * (`runs:/<run>/…`, or a job output, whose job is a run).
 * @internal
 */
export function metaFromSpec(spec: Record<string, unknown>): VersionMeta {
  const source = typeof spec.source_path === 'string' ? spec.source_path : String(spec.path ?? '');
  const run = /^runs:\/([^/]+)/.exec(source) ?? /^azureml:\/\/jobs\/([^/]+)\//.exec(source);
  const stage = MODEL_STAGES.find((s) => typeof spec.stage === 'string' && s.toLowerCase() === spec.stage.toLowerCase()) ?? 'None';
  const description = typeof spec.description === 'string' ? spec.description : null;
  return { description, stage, source, runId: run?.[1] ?? null, runLink: null, modelId: null };
}

/** The version as an integer when it is MLflow's kind of version (`"3"`, not `"03"` or `"v3"`). @internal */
export function versionNumber(version: string): number | null {
  return /^(0|[1-9]\d{0,14})$/.test(version) ? Number(version) : null;
}

/** Creates the registered model row when missing, and marks the model updated at `at`. @internal */
export async function touchRegisteredModel(db: Kysely<Database>, workspace: string, name: string, at: number): Promise<void> {
  await db
    .insertInto('registered_models')
    .values({ workspace, name, description: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['workspace', 'name']).doUpdateSet({ updated_at: at }))
    .execute();
}

/**
 * Records a new `model` asset version in the registry, inside the transaction that created it:
 * its metadata row, and its registered model (created when missing).
 * @internal
 */
export async function insertModelVersionMeta(db: Kysely<Database>, workspace: string, asset: AssetVersion, meta: VersionMeta): Promise<void> {
  await touchRegisteredModel(db, workspace, asset.name, asset.createdAt);
  await db
    .insertInto('model_version_meta')
    .values({
      workspace,
      name: asset.name,
      version: asset.version,
      version_number: versionNumber(asset.version),
      description: meta.description,
      stage: meta.stage,
      source: meta.source,
      run_id: meta.runId,
      run_link: meta.runLink,
      model_id: meta.modelId,
      updated_at: asset.createdAt,
    })
    .execute();
}

/**
 * Creates the registered model row for `name` when missing (after its versions are restored),
 * dated by its versions.
 * @internal
 */
export async function ensureRegisteredModel(db: Kysely<Database>, workspace: string, name: string): Promise<void> {
  const span = await db
    .selectFrom('asset_versions')
    .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
    .where('workspace', '=', workspace)
    .where('kind', '=', 'model')
    .where('name', '=', name)
    .executeTakeFirst();
  if (span?.first == null || span.last == null) return;
  await db
    .insertInto('registered_models')
    .values({ workspace, name, description: null, created_at: Number(span.first), updated_at: Number(span.last) })
    .onConflict((oc) => oc.columns(['workspace', 'name']).doNothing())
    .execute();
}
