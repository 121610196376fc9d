import { MODEL_TYPES } from '@lathe/spec';
import type { ArmAssetKind } from './arm-asset-kind.js';
import { toDatastoreUri } from './datastore-uri.js';
import { mlmodelFlavors } from './mlmodel-flavors.js';

const FlavorSchema = { type: 'object', properties: { data: { type: ['object', 'null'], additionalProperties: { type: 'string' } } } };

/**
 * Model versions: `modelUri` names the model's files on a datastore (the SDK sends the long
 * `azureml://subscriptions/…/datastores/<ds>/paths/<p>` form after its upload); the Lathe `model`
 * asset is a snapshot of them and, as every model version, an MLflow model version. The answer
 * always carries `flavors`, which the SDK reads without a check: as sent, else an `mlflow_model`'s
 * from its MLmodel file, else `{}`.
 */
export const ARM_MODEL_KIND: ArmAssetKind = {
  plural: 'models',
  kind: 'model',
  fields: {
    modelUri: { type: 'string', minLength: 1, maxLength: 4096 },
    modelType: { type: ['string', 'null'], enum: [...MODEL_TYPES, null] },
    flavors: { type: ['object', 'null'], additionalProperties: FlavorSchema },
    jobName: { type: ['string', 'null'] },
  },
  required: ['modelUri'],
  toSpec: ({ scope, properties }) => {
    const modelUri = properties.modelUri as string;
    const flavors = properties.flavors as Record<string, { data?: Record<string, string> | null }> | null | undefined;
    return {
      spec: {
        path: toDatastoreUri(modelUri, scope.workspace, 'properties.modelUri', scope.authority),
        ...(typeof properties.modelType === 'string' ? { type: properties.modelType } : {}),
        // `{}` is what a version without flavors answers, and comes back so when the SDK archives it.
        ...(flavors && Object.keys(flavors).length > 0 ? { flavors: Object.fromEntries(Object.entries(flavors).map(([name, flavor]) => [name, flavor.data ?? {}])) } : {}),
      },
      keep: { source_path: modelUri, ...(typeof properties.jobName === 'string' ? { job_name: properties.jobName } : {}) },
    };
  },
  // An MLflow model registered without flavors gets those of its MLmodel file.
  derive: async (ctx, stored) => {
    if (stored.type !== 'mlflow_model' || stored.flavors !== undefined || typeof stored.path !== 'string') return {};
    const flavors = await mlmodelFlavors(ctx, stored.path);
    return flavors === undefined ? {} : { flavors };
  },
  toProperties: (spec) => ({
    modelUri: spec.source_path ?? spec.path,
    modelType: spec.type,
    flavors: armFlavors(spec.flavors),
    jobName: spec.job_name ?? null,
  }),
};

// ARM's flavors hold string maps (`FlavorData.data`); Lathe's (from MLmodel files) may nest.
function armFlavors(flavors: unknown): Record<string, { data: Record<string, string> }> {
  if (flavors === null || typeof flavors !== 'object') return {};
  const out: Record<string, { data: Record<string, string> }> = {};
  for (const [name, data] of Object.entries(flavors as Record<string, Record<string, unknown>>)) {
    out[name] = { data: Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) };
  }
  return out;
}
