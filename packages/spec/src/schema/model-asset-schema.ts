import { Type, type Static } from '@sinclair/typebox';
import { assetFields, schemaId } from './asset-fields.js';
import { Lenient, Reference, StringEnum } from './keywords.js';

/**
 * The Azure ML v2 `model` YAML kind (https://azuremlschemas.azureedge.net/latest/model.schema.json):
 * a named, versioned model artifact, from local files, a job's output or an MLflow run.
 */

/** Model storage formats. */
export const MODEL_TYPES = ['custom_model', 'mlflow_model', 'triton_model'] as const;

/** What a model's `path` may name. */
export const MODEL_PATH_REFERENCES = ['local', 'url', 'blob', 'datastore', 'job-output', 'run'] as const;

const DeploymentTemplateSchema = Lenient(Type.Object({ asset_id: Type.String({ minLength: 1 }) }, { additionalProperties: false, title: 'DeploymentTemplate' }));

/** The model document. */
export const ModelAssetSchema = Type.Object(
  {
    ...assetFields(),
    type: StringEnum(MODEL_TYPES, { default: 'custom_model' }),
    path: Reference(MODEL_PATH_REFERENCES, {
      description: 'Local path (relative to the YAML), azureml://jobs/<job>/outputs/<output>/paths/<path>, runs:/<run>/<path>, azureml://datastores/... or a URL',
    }),
    stage: Type.Optional(Type.String({ minLength: 1 })),
    flavors: Type.Optional(Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown()))),
    default_deployment_template: Type.Optional(DeploymentTemplateSchema),
    allowed_deployment_templates: Type.Optional(Type.Array(DeploymentTemplateSchema)),
  },
  { additionalProperties: false, $id: schemaId('model.schema.json'), title: 'Lathe model (Azure ML v2 model)' },
);

/** A validated, normalised model (`type` filled). */
export type ModelAssetSpec = Static<typeof ModelAssetSchema>;
